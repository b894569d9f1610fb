package org.spagateway.spa.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * K-means on the rows of an [N, F] array with DJL array operations: k-means++ seeding from a fixed seed, then
 * Lloyd iterations (distances by ||x||^2 - 2 x c^T + ||c||^2, assignments by argmin, centroids by a one-hot
 * matrix product) until the assignments stop changing. Only the N assignments cross into Java each iteration.
 *
 * <p>Guard (the paper code has none): a cluster left empty takes the point farthest from its own centroid among
 * clusters with more than one member, so there are always exactly K non-empty clusters when N &gt;= K. Rows that
 * are not finite are refused with an {@link IllegalArgumentException} (their distances would order nothing).
 */
public final class KMeans {

    /** Assignments (cluster of each row), cluster sizes, and the centroids [K, F]. */
    public record Result(int[] assignments, int[] sizes, NDArray centroids) {
    }

    private static final int MAX_ITERATIONS = 50;

    private KMeans() {
    }

    public static Result fit(NDArray x, int k, long seed) {
        int n = (int) x.getShape().get(0);
        if (n < k) {
            throw new IllegalArgumentException("need at least k = " + k + " rows, got " + n);
        }
        try (NDArray nan = x.isNaN(); NDArray infinite = x.isInfinite(); NDArray invalid = nan.logicalOr(infinite);
             NDArray any = invalid.any()) {
            if (any.getBoolean()) {
                throw new IllegalArgumentException("K-means needs finite values; the rows hold NaN or infinities");
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        NDArray squaredNorms = x.square().sum(new int[] {1});
        int[] seeds = plusPlusSeeds(x, squaredNorms, k, random);
        NDArray centroids = x.get(Tensors.create(x.getManager(), toLong(seeds)));
        int[] assignments = null;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            NDArray distances = distances(x, squaredNorms, centroids);
            int[] next = toInt(distances.argMin(1).toLongArray());
            fillEmptyClusters(next, distances, k);
            boolean converged = Arrays.equals(next, assignments);
            assignments = next;
            if (converged) {
                break;
            }
            centroids = centroids(x, assignments, k);
        }
        return new Result(assignments, sizes(assignments, k), centroids);
    }

    /** Index of the centroid nearest (Euclidean) to each row of {@code points} [P, F]. */
    public static int[] predict(NDArray centroids, NDArray points) {
        NDArray norms = points.square().sum(new int[] {1});
        return toInt(distances(points, norms, centroids).argMin(1).toLongArray());
    }

    /** Mean of the rows assigned to each cluster: one-hot [N, K] transposed times x, divided by the sizes. */
    static NDArray centroids(NDArray x, int[] assignments, int k) {
        NDArray oneHot = Tensors.create(x.getManager(), toLong(assignments)).oneHot(k, DataType.FLOAT32);
        NDArray counts = oneHot.sum(new int[] {0}).maximum(1f).expandDims(1);
        return oneHot.transpose().matMul(x).div(counts);
    }

    private static NDArray distances(NDArray x, NDArray squaredNorms, NDArray centroids) {
        NDArray centroidNorms = centroids.square().sum(new int[] {1}).expandDims(0);
        return squaredNorms.expandDims(1).sub(x.matMul(centroids.transpose()).mul(2)).add(centroidNorms).maximum(0f);
    }

    private static int[] plusPlusSeeds(NDArray x, NDArray squaredNorms, int k, SplittableRandom random) {
        int n = (int) x.getShape().get(0);
        int[] seeds = new int[k];
        seeds[0] = random.nextInt(n);
        float[] nearest = distances(x, squaredNorms, x.get(seeds[0]).expandDims(0)).toFloatArray();
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (float d : nearest) {
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
            float[] d = distances(x, squaredNorms, x.get(pick).expandDims(0)).toFloatArray();
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], d[i]);
            }
        }
        return seeds;
    }

    private static void fillEmptyClusters(int[] assignments, NDArray distances, int k) {
        int[] sizes = sizes(assignments, k);
        float[] d = null;
        for (int cluster = 0; cluster < k; cluster++) {
            if (sizes[cluster] > 0) {
                continue;
            }
            if (d == null) {
                d = distances.toFloatArray();
            }
            int farthest = -1;
            float worst = -1;
            for (int i = 0; i < assignments.length; i++) {
                float own = d[i * k + assignments[i]];
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

    private static long[] toLong(int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
    }

    private static int[] toInt(long[] values) {
        return Arrays.stream(values).mapToInt(v -> (int) v).toArray();
    }
}
