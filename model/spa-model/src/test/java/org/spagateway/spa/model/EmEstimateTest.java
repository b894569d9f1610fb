package org.spagateway.spa.model;

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

    @Test
    void latentsGiveTheirWeightToTheComponentTheyWereDrawnNear() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            // Two latents near component 0 (mean -2), one near component 1 (mean 3), L = 4.
            var z = manager.create(new float[] {-2.1f, -1.9f, -2f, -2f, -2f, -2.2f, -1.8f, -2f, 3f, 3.1f, 2.9f, 3f},
                    new Shape(3, 4));
            var pi = manager.create(new float[] {0.5f, 0.5f});
            var mu = manager.create(new float[] {-2f, 3f});
            var sigma2 = manager.create(new float[] {0.25f, 0.25f});
            float[] r = EmEstimate.latentResponsibilities(z, pi, mu, sigma2).toFloatArray();
            assertThat(r[0]).isCloseTo(1f, within(1e-4f));
            assertThat(r[2]).isCloseTo(1f, within(1e-4f));
            assertThat(r[5]).isCloseTo(1f, within(1e-4f));
            assertThat(r[4]).isCloseTo(0f, within(1e-4f));
        }
    }

    @Test
    void aLatentBetweenTwoComponentsFollowsTheirWeights() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            var z = manager.create(new float[] {0f, 0f}, new Shape(1, 2));
            var mu = manager.create(new float[] {-1f, 1f});
            var sigma2 = manager.create(new float[] {1f, 1f});
            float[] r = EmEstimate.latentResponsibilities(z, manager.create(new float[] {0.2f, 0.8f}), mu, sigma2)
                    .toFloatArray();
            assertThat(r[0]).isCloseTo(0.2f, within(1e-5f));
            assertThat(r[1]).isCloseTo(0.8f, within(1e-5f));
        }
    }
}
