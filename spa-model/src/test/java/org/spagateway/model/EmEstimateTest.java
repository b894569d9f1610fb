package org.spagateway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EmEstimateTest {

    @Test
    void pixelsNearAComponentsMeanGiveThatComponentTheirWeight() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            // Three quarters of the pixels at 1, a quarter at 0; components at 0 and 1 with small variance.
            var maps = manager.create(new float[] {1, 1, 1, 0}, new Shape(1, 4));
            var pi = manager.create(new float[] {0.5f, 0.5f});
            var mu = manager.create(new float[] {0f, 1f});
            var sigma2 = manager.create(new float[] {0.01f, 0.01f});
            float[] estimate = EmEstimate.piHat(maps, pi, mu, sigma2).toFloatArray();
            assertThat(estimate[0]).isCloseTo(0.25f, within(1e-4f));
            assertThat(estimate[1]).isCloseTo(0.75f, within(1e-4f));
        }
    }

    @Test
    void estimatesStayFiniteWhenEveryComponentIsFarAway() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            var maps = manager.create(new float[] {0.5f, 0.2f, 0.9f, 0.1f, 0.4f, 0.6f}, new Shape(2, 3));
            var pi = manager.create(new float[] {0.2f, 0.3f, 0.5f});
            var mu = manager.create(new float[] {-80f, 60f, 95f});
            var sigma2 = manager.create(new float[] {1e-6f, 1e-6f, 1e-6f});
            float[] estimate = EmEstimate.piHat(maps, pi, mu, sigma2).toFloatArray();
            for (int row = 0; row < 2; row++) {
                float sum = 0;
                for (int m = 0; m < 3; m++) {
                    assertThat(Float.isFinite(estimate[row * 3 + m])).isTrue();
                    sum += estimate[row * 3 + m];
                }
                assertThat(sum).isCloseTo(1f, within(1e-4f));
            }
        }
    }
}
