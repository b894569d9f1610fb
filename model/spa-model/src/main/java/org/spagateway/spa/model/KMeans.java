package org.spagateway.spa.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * K-means on the rows of an [N, F] array: k-means++ seeding from a fixed seed, then Lloyd iterations (assignments
 * by the nearest centroid, centroids as the means of their rows) until the assignments stop changing.
 *
 * <p>Every distance is taken from the Gram matrix G = X X^T, one matrix product of the engine: a centroid is the
 * mean of a set S of rows, so ||x_i - c||^2 = G_ii - 2/|S| sum_{j in S} G_ij + 1/|S|^2 sum_{j, l in S} G_jl. With
 * N = 48 samples each iteration is then a few thousand multiply-adds in Java (in double precision) instead of a
 * dozen engine operations on [N, F] arrays. The centroids [K, F] are never formed here (the candidate analysis
 * computes them for the candidates it shows).
 *
 * <p>Guard (the paper code has none): a cluster left empty takes the point farthest from its own centroid among
 * clusters with more than one member, so there are always exactly K non-empty clusters when N &gt;= K. Rows that
 * are not finite are refused with an {@link IllegalArgumentException} (their distances would order nothing).
 */
public final class KMeans {

    /** Assignments (cluster of each row) and cluster sizes. */
    public record Result(int[] assignments, int[] sizes) {
    }

    private static final int MAX_ITERATIONS = 50;

    private KMeans() {
    }

    public static Result fit(NDArray x, int k, long seed) {
        int n = (int) x.getShape().get(0);
        if (n < k) {
            throw new IllegalArgumentException("need at least k = " + k + " rows, got " + n);
        }
        if (Tensors.nonFinite(x) > 0) {
            throw new IllegalArgumentException("K-means needs finite values; the rows hold NaN or infinities");
        }
        double[][] gram = gram(x);
        SplittableRandom random = new SplittableRandom(seed);
        int[] seeds = plusPlusSeeds(gram, k, random);
        double[][] weights = new double[k][n];
        for (int c = 0; c < k; c++) {
            weights[c][seeds[c]] = 1;
        }
        int[] assignments = null;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[][] distances = distances(gram, weights);
            int[] next = nearest(distances);
            fillEmptyClusters(next, distances, k);
            boolean converged = Arrays.equals(next, assignments);
            assignments = next;
            if (converged) {
                break;
            }
            weights = meanWeights(assignments, k);
        }
        return new Result(assignments, sizes(assignments, k));
    }

    /** Index of the centroid nearest (Euclidean) to each row of {@code points} [P, F]. */
    public static int[] predict(NDArray centroids, NDArray points) {
        NDArray norms = points.square().sum(new int[] {1});
        NDArray centroidNorms = centroids.square().sum(new int[] {1}).expandDims(0);
        NDArray distances = norms.expandDims(1).sub(points.matMul(centroids.transpose()).mul(2)).add(centroidNorms)
                .maximum(0f);
        return toInt(distances.argMin(1).toLongArray());
    }

    /** G = X X^T [N, N], computed in double precision (the distances subtract its entries). */
    private static double[][] gram(NDArray x) {
        int n = (int) x.getShape().get(0);
        double[] values;
        try (NDArray wide = x.toType(DataType.FLOAT64, true); NDArray g = wide.matMul(wide.transpose())) {
            values = g.toDoubleArray();
        }
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                gram[i][j] = values[i * n + j];
            }
        }
        return gram;
    }

    /**
     * Squared distances [N][K] from each row to each centroid, a centroid given by its weights over the rows
     * (c = sum_j w_j x_j): ||x_i||^2 - 2 (G w)_i + w^T G w, at least 0.
     */
    private static double[][] distances(double[][] gram, double[][] weights) {
        int n = gram.length;
        int k = weights.length;
        double[][] distances = new double[n][k];
        for (int c = 0; c < k; c++) {
            double[] w = weights[c];
            double[] gw = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += gram[i][j] * w[j];
                }
                gw[i] = sum;
            }
            double norm = 0;
            for (int j = 0; j < n; j++) {
                norm += w[j] * gw[j];
            }
            for (int i = 0; i < n; i++) {
                distances[i][c] = Math.max(0, gram[i][i] - 2 * gw[i] + norm);
            }
        }
        return distances;
    }

    /** For each row, its nearest centroid (the first of equally near ones). */
    private static int[] nearest(double[][] distances) {
        int[] nearest = new int[distances.length];
        for (int i = 0; i < distances.length; i++) {
            int best = 0;
            for (int c = 1; c < distances[i].length; c++) {
                if (distances[i][c] < distances[i][best]) {
                    best = c;
                }
            }
            nearest[i] = best;
        }
        return nearest;
    }

    /** Each cluster's centroid as weights over the rows: 1 / size for its members. */
    private static double[][] meanWeights(int[] assignments, int k) {
        int[] sizes = sizes(assignments, k);
        double[][] weights = new double[k][assignments.length];
        for (int i = 0; i < assignments.length; i++) {
            weights[assignments[i]][i] = 1.0 / sizes[assignments[i]];
        }
        return weights;
    }

    private static int[] plusPlusSeeds(double[][] gram, int k, SplittableRandom random) {
        int n = gram.length;
        int[] seeds = new int[k];
        seeds[0] = random.nextInt(n);
        double[] nearest = pointDistances(gram, seeds[0]);
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
            double[] d = pointDistances(gram, pick);
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], d[i]);
            }
        }
        return seeds;
    }

    /** Squared distances from every row to row {@code p}: G_ii - 2 G_ip + G_pp, at least 0. */
    private static double[] pointDistances(double[][] gram, int p) {
        double[] d = new double[gram.length];
        for (int i = 0; i < gram.length; i++) {
            d[i] = Math.max(0, gram[i][i] - 2 * gram[i][p] + gram[p][p]);
        }
        return d;
    }

    private static void fillEmptyClusters(int[] assignments, double[][] distances, int k) {
        int[] sizes = sizes(assignments, k);
        for (int cluster = 0; cluster < k; cluster++) {
            if (sizes[cluster] > 0) {
                continue;
            }
            int farthest = -1;
            double worst = -1;
            for (int i = 0; i < assignments.length; i++) {
                double own = distances[i][assignments[i]];
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

    private static int[] toInt(long[] values) {
        return Arrays.stream(values).mapToInt(v -> (int) v).toArray();
    }
}
