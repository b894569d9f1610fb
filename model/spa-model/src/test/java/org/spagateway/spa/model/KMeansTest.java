package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KMeansTest {

    @Test
    void wellSeparatedGroupsEndUpInTheirOwnClusters() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            float[] values = new float[12 * 2];
            for (int i = 0; i < 12; i++) {
                int group = i % 3;
                values[i * 2] = group * 10 + (i % 2) * 0.1f;
                values[i * 2 + 1] = -group * 5;
            }
            NDArray x = manager.create(values, new Shape(12, 2));
            KMeans.Result result = KMeans.fit(x, 3, 42);
            for (int i = 0; i < 12; i++) {
                assertThat(result.assignments()[i]).isEqualTo(result.assignments()[i % 3]);
            }
            assertThat(Arrays.stream(result.assignments()).distinct().count()).isEqualTo(3);
            assertThat(result.sizes()).containsOnly(4);
        }
    }

    /**
     * The Gram-matrix distances give Lloyd's algorithm as written out directly on the rows (k-means++ from the same
     * random sequence, Euclidean distances to the centroid means, first nearest on ties), on maps like a round's:
     * 48 rows of 1,024 values in [0, 1] from a few templates plus noise, over many seeds.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void gramDistancesGiveTheClustersOfDirectLloydIterations(long seed) {
        int n = 48;
        int f = 1024;
        SplittableRandom random = new SplittableRandom(seed);
        float[][] templates = new float[5][f];
        for (float[] template : templates) {
            for (int j = 0; j < f; j++) {
                template[j] = (float) random.nextDouble();
            }
        }
        float[][] rows = new float[n][f];
        float[] values = new float[n * f];
        for (int i = 0; i < n; i++) {
            float[] template = templates[random.nextInt(templates.length)];
            for (int j = 0; j < f; j++) {
                rows[i][j] = (float) Math.min(1, Math.max(0, template[j] + 0.3 * random.nextGaussian()));
                values[i * f + j] = rows[i][j];
            }
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            int[] assignments = KMeans.fit(manager.create(values, new Shape(n, f)), 4, seed).assignments();
            assertThat(assignments).containsExactly(directLloyd(rows, 4, seed));
        }
    }

    /** K-means++ then Lloyd iterations with distances computed on the rows themselves, in double precision. */
    private static int[] directLloyd(float[][] rows, int k, long seed) {
        int n = rows.length;
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centroids = new double[k][];
        int first = random.nextInt(n);
        centroids[0] = toDouble(rows[first]);
        double[] nearest = new double[n];
        for (int i = 0; i < n; i++) {
            nearest[i] = squaredDistance(rows[i], centroids[0]);
        }
        for (int c = 1; c < k; c++) {
            double total = Arrays.stream(nearest).sum();
            double target = random.nextDouble() * total;
            int pick = n - 1;
            double cumulative = 0;
            for (int i = 0; i < n; i++) {
                cumulative += nearest[i];
                if (cumulative > target) {
                    pick = i;
                    break;
                }
            }
            centroids[c] = toDouble(rows[pick]);
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], squaredDistance(rows[i], centroids[c]));
            }
        }
        int[] assignments = null;
        for (int iteration = 0; iteration < 50; iteration++) {
            int[] next = new int[n];
            for (int i = 0; i < n; i++) {
                for (int c = 1; c < k; c++) {
                    if (squaredDistance(rows[i], centroids[c]) < squaredDistance(rows[i], centroids[next[i]])) {
                        next[i] = c;
                    }
                }
            }
            if (Arrays.equals(next, assignments)) {
                break;
            }
            assignments = next;
            for (int c = 0; c < k; c++) {
                double[] mean = new double[rows[0].length];
                int size = 0;
                for (int i = 0; i < n; i++) {
                    if (assignments[i] == c) {
                        size++;
                        for (int j = 0; j < mean.length; j++) {
                            mean[j] += rows[i][j];
                        }
                    }
                }
                assertThat(size).as("no cluster empties on these maps").isPositive();
                for (int j = 0; j < mean.length; j++) {
                    mean[j] /= size;
                }
                centroids[c] = mean;
            }
        }
        return assignments;
    }

    private static double squaredDistance(float[] row, double[] centroid) {
        double sum = 0;
        for (int j = 0; j < row.length; j++) {
            double d = row[j] - centroid[j];
            sum += d * d;
        }
        return sum;
    }

    private static double[] toDouble(float[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = row[j];
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameClusters() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray x = manager.randomUniform(0, 1, new Shape(48, 64));
            assertThat(KMeans.fit(x, 4, 7).assignments()).containsExactly(KMeans.fit(x, 4, 7).assignments());
        }
    }

    @Test
    void identicalPointsStillYieldKNonEmptyClusters() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray x = manager.ones(new Shape(10, 5));
            KMeans.Result result = KMeans.fit(x, 4, 1);
            assertThat(Arrays.stream(result.sizes()).min().getAsInt()).isPositive();
            assertThat(Arrays.stream(result.sizes()).sum()).isEqualTo(10);
        }
    }

    @Test
    void predictReturnsTheNearestCentroid() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray centroids = manager.create(new float[] {0, 0, 10, 10}, new Shape(2, 2));
            NDArray points = manager.create(new float[] {9, 8, 1, -1}, new Shape(2, 2));
            assertThat(KMeans.predict(centroids, points)).containsExactly(1, 0);
        }
    }

    @Test
    void rowsThatAreNotFiniteAreRefusedWithAReasonInsteadOfAnIndexError() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            float[] values = new float[8 * 3];
            Arrays.fill(values, Float.NaN);
            NDArray allNan = manager.create(values, new Shape(8, 3));
            assertThatThrownBy(() -> KMeans.fit(allNan, 4, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("finite");
            values = new float[8 * 3];
            values[5] = Float.POSITIVE_INFINITY;
            NDArray oneInfinite = manager.create(values, new Shape(8, 3));
            assertThatThrownBy(() -> KMeans.fit(oneInfinite, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
