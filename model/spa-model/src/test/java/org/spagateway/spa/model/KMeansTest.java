package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

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
