package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TensorsTest {

    @Test
    void finiteValuesCountAsFiniteEvenWhenTheirSumOverflows() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            assertThat(Tensors.nonFinite(manager.create(new float[] {3e38f, 3e38f, -1f}))).isZero();
            assertThat(Tensors.nonFinite(manager.ones(new Shape(48, 4096)))).isZero();
        }
    }

    @Test
    void everyNanAndInfinityIsCounted() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            float[] values = {1f, Float.NaN, Float.POSITIVE_INFINITY, 2f, Float.NEGATIVE_INFINITY, Float.NaN};
            assertThat(Tensors.nonFinite(manager.create(values))).isEqualTo(4);
            assertThat(Tensors.nonFinite(manager.create(new float[] {Float.POSITIVE_INFINITY, 3e38f})))
                    .isEqualTo(1);
        }
    }
}
