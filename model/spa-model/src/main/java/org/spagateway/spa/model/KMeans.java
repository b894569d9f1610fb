package org.spagateway.spa.model;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * K-means on the rows of an [N, F] row-major array, in plain Java: k-means++ seeding from a fixed seed, then Lloyd
 * iterations until the assignments stop changing. A round clusters N = 48 rows of 64 x 64 pooled values: about a
 * million multiply-adds per iteration, under a millisecond here, where engine operations spent more in per-call
 * overhead than in arithmetic (issue 18). Ties go to the lowest cluster index.
 *
 * <p>Guard (the paper code has none): a cluster left empty takes the point farthest from its own centroid among
 * clusters with more than one member, so there are always exactly K non-empty clusters when N &gt;= K. Rows that
 * are not finite are refused with an {@link IllegalArgumentException} (their distances would order nothing).
 */
public final class KMeans {

    /** Assignments (cluster of each row), cluster sizes, and the centroids [K][F]. */
    public record Result(int[] assignments, int[] sizes, float[][] centroids) {
    }

    private static final int MAX_ITERATIONS = 50;

    private KMeans() {
    }

    /** K-means on the rows of {@code x} [N, F]. */
    public static Result fit(NDArray x, int k, long seed) {
        return fit(x.toFloatArray(), (int) x.getShape().get(0), k, seed);
    }

    /**
     * @param x row-major [n, x.length / n]
     */
    public static Result fit(float[] x, int n, int k, long seed) {
        if (n < k) {
            throw new IllegalArgumentException("need at least k = " + k + " rows, got " + n);
        }
        for (float value : x) {
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("K-means needs finite values; the rows hold NaN or infinities");
            }
        }
        int f = x.length / n;
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centroids = new float[k][];
        int[] seeds = plusPlusSeeds(x, n, f, k, random);
        for (int c = 0; c < k; c++) {
            centroids[c] = Arrays.copyOfRange(x, seeds[c] * f, (seeds[c] + 1) * f);
        }
        int[] assignments = null;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] distances = distances(x, n, f, centroids);
            int[] next = nearest(distances, n, k);
            fillEmptyClusters(next, distances, k);
            boolean converged = Arrays.equals(next, assignments);
            assignments = next;
            if (converged) {
                break;
            }
            centroids = centroids(x, n, assignments, k);
        }
        return new Result(assignments, sizes(assignments, k), centroids);
    }

    /** Index of the centroid nearest (Euclidean) to each row of {@code points} [P, F]. */
    public static int[] predict(NDArray centroids, NDArray points) {
        int k = (int) centroids.getShape().get(0);
        int p = (int) points.getShape().get(0);
        float[] flat = centroids.toFloatArray();
        int f = flat.length / k;
        float[][] rows = new float[k][];
        for (int c = 0; c < k; c++) {
            rows[c] = Arrays.copyOfRange(flat, c * f, (c + 1) * f);
        }
        return nearest(distances(points.toFloatArray(), p, f, rows), p, k);
    }

    /** Mean of the rows of {@code x} [n, F] assigned to each cluster (a cluster with no row: zeros). */
    static float[][] centroids(float[] x, int n, int[] assignments, int k) {
        int f = x.length / n;
        double[][] sums = new double[k][f];
        int[] sizes = sizes(assignments, k);
        for (int i = 0; i < n; i++) {
            double[] sum = sums[assignments[i]];
            for (int j = 0, at = i * f; j < f; j++, at++) {
                sum[j] += x[at];
            }
        }
        float[][] centroids = new float[k][f];
        for (int c = 0; c < k; c++) {
            double count = Math.max(1, sizes[c]);
            for (int j = 0; j < f; j++) {
                centroids[c][j] = (float) (sums[c][j] / count);
            }
        }
        return centroids;
    }

    /**
     * Squared distance of each row to each centroid, [n * k] row-major: ||x||^2 - 2 x.c + ||c||^2 (at least 0), with
     * the dot products in four interleaved float sums (the JIT keeps them in registers; one sum would serialise).
     */
    private static double[] distances(float[] x, int n, int f, float[][] centroids) {
        int k = centroids.length;
        double[] centroidNorms = new double[k];
        for (int c = 0; c < k; c++) {
            centroidNorms[c] = dot(centroids[c], 0, centroids[c], f);
        }
        double[] distances = new double[n * k];
        for (int i = 0; i < n; i++) {
            int row = i * f;
            double norm = dot(x, row, x, row, f);
            for (int c = 0; c < k; c++) {
                distances[i * k + c] = Math.max(0, norm - 2 * dot(x, row, centroids[c], f) + centroidNorms[c]);
            }
        }
        return distances;
    }

    private static double dot(float[] a, int from, float[] b, int length) {
        return dot(a, from, b, 0, length);
    }

    private static double dot(float[] a, int aFrom, float[] b, int bFrom, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 3 < length; j += 4) {
            s0 += a[aFrom + j] * b[bFrom + j];
            s1 += a[aFrom + j + 1] * b[bFrom + j + 1];
            s2 += a[aFrom + j + 2] * b[bFrom + j + 2];
            s3 += a[aFrom + j + 3] * b[bFrom + j + 3];
        }
        for (; j < length; j++) {
            s0 += a[aFrom + j] * b[bFrom + j];
        }
        return (double) s0 + s1 + s2 + s3;
    }

    private static int[] nearest(double[] distances, int n, int k) {
        int[] nearest = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (distances[i * k + c] < distances[i * k + best]) {
                    best = c;
                }
            }
            nearest[i] = best;
        }
        return nearest;
    }

    private static int[] plusPlusSeeds(float[] x, int n, int f, int k, SplittableRandom random) {
        int[] seeds = new int[k];
        seeds[0] = random.nextInt(n);
        double[] nearest = distances(x, n, f, new float[][] {row(x, f, seeds[0])});
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double d : nearest) {
                total += d;
            }
            int pick;
            if (total <= 0) {
                pick = random.nextInt(n);
            } else {
                double target = random.nextDouble() * total;
                pick = n - 1;
                double cumulative = 0;
                for (int i = 0; i < n; i++) {
                    cumulative += nearest[i];
                    if (cumulative > target) {
                        pick = i;
                        break;
                    }
                }
            }
            seeds[j] = pick;
            double[] d = distances(x, n, f, new float[][] {row(x, f, pick)});
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], d[i]);
            }
        }
        return seeds;
    }

    private static float[] row(float[] x, int f, int i) {
        return Arrays.copyOfRange(x, i * f, (i + 1) * f);
    }

    private static void fillEmptyClusters(int[] assignments, double[] distances, int k) {
        int[] sizes = sizes(assignments, k);
        for (int cluster = 0; cluster < k; cluster++) {
            if (sizes[cluster] > 0) {
                continue;
            }
            int farthest = -1;
            double worst = -1;
            for (int i = 0; i < assignments.length; i++) {
                double own = distances[i * k + assignments[i]];
                if (sizes[assignments[i]] > 1 && own > worst) {
                    worst = own;
                    farthest = i;
                }
            }
            if (farthest < 0) {
                throw new IllegalStateException("no cluster with more than one member to refill cluster " + cluster);
            }
            sizes[assignments[farthest]]--;
            assignments[farthest] = cluster;
            sizes[cluster] = 1;
        }
    }

    private static int[] sizes(int[] assignments, int k) {
        int[] sizes = new int[k];
        for (int a : assignments) {
            sizes[a]++;
        }
        return sizes;
    }
}
