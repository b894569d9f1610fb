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

    @Test
    void aRoundWithoutLatentEstimatesIsThePixelEstimateOfItsMeanMap() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            // M = 2, mu = (0, 1), pi = (1/4, 3/4), sigma2 = 1 / (2 ln 3) for both, so the Gaussians' normalisers
            // cancel and r_1(x) = 3/4 g_1 / (1/4 g_0 + 3/4 g_1) = 1 / (1 + 3^(1 - 2x) / 3) = 1 / (1 + 3^(-2x)):
            // x = 0 -> 1/2, x = 1/2 -> 3/4, x = 1 -> 9/10. pi-hat_1 = (1/2 + 3/4 + 9/10) / 3 = 43/60, pi-hat_0 = 17/60.
            var meanMap = manager.create(new float[] {0f, 0.5f, 1f});
            var pi = manager.create(new float[] {0.25f, 0.75f});
            var mu = manager.create(new float[] {0f, 1f});
            float variance = (float) (1 / (2 * Math.log(3)));
            var sigma2 = manager.create(new float[] {variance, variance});
            // Latents all on component 0: they would give (1, 0), and must be ignored.
            var z = manager.create(new float[] {0f, 0f}, new Shape(2, 1));

            float[] estimate = EmEstimate.ofRound(meanMap, z, pi, mu, sigma2, false).toFloatArray();

            assertThat(estimate).hasSize(2);
            assertThat(estimate[0]).isCloseTo(17f / 60, within(1e-5f));
            assertThat(estimate[1]).isCloseTo(43f / 60, within(1e-5f));
        }
    }

    @Test
    void aRoundWithLatentEstimatesIsTheMeanResponsibilityOfItsLatents() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            // M = 2 components with the same mean 0, pi = (1/2, 1/2), sigma2 = (1, 4), L = 2 latent units, so for
            // |z|^2 = d: r_1 / r_0 = exp(-d/8 + d/2) * (1/4)^(L/2) = exp(3d/8) / 4 (the normaliser counts L times).
            // z = (0, 0): d = 0, r = (4/5, 1/5). z = (2, 2): d = 8, ratio e^3 / 4 = 5.021384, r_1 = 0.8339252.
            // The round's estimate is their mean: (0.4830374, 0.5169626).
            var z = manager.create(new float[] {0f, 0f, 2f, 2f}, new Shape(2, 2));
            var pi = manager.create(new float[] {0.5f, 0.5f});
            var mu = manager.create(new float[] {0f, 0f});
            var sigma2 = manager.create(new float[] {1f, 4f});
            // A mean map at 0 would give the pixel estimate (2/3, 1/3) instead, and must be ignored.
            var meanMap = manager.create(new float[] {0f, 0f, 0f});

            float[] estimate = EmEstimate.ofRound(meanMap, z, pi, mu, sigma2, true).toFloatArray();

            assertThat(estimate).hasSize(2);
            assertThat(estimate[0]).isCloseTo(0.4830374f, within(1e-5f));
            assertThat(estimate[1]).isCloseTo(0.5169626f, within(1e-5f));
        }
    }
}
