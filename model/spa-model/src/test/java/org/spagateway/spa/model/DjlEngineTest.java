package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class DjlEngineTest {

    @Test
    void pytorchEngineLoadsOfflineFromTheClasspathAndComputesOnTheCpu() {
        Engine engine = Engine.getEngine("PyTorch");
        assertThat(engine.getVersion()).startsWith("2.7.1");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray product = a.matMul(a);
            assertThat(product.toFloatArray()).containsExactly(7f, 10f, 15f, 22f);
            assertThat(product.getDevice()).isEqualTo(Device.cpu());
        }
    }
}
