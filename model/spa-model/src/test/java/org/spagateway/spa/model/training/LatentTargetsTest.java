package org.spagateway.spa.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.BinaryMask;
import org.spagateway.spa.model.SpaConfig;

class LatentTargetsTest {

    private static final SpaConfig CONFIG = SpaConfig.defaults(1).withSamples(4).withMixture(true, true);
    private static final int S = 128;

    /** Four samples: 0 and 1 are empty maps, 2 covers the left half (the preference), 3 the whole image. */
    private static float[] maps() {
        float[] maps = new float[4 * S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                maps[2 * S * S + y * S + x] = x < S / 2 ? 1f : 0f;
                maps[3 * S * S + y * S + x] = 1f;
            }
        }
        return maps;
    }

    private static BinaryMask leftHalf() {
        boolean[] pixels = new boolean[S * S];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i % S < S / 2;
        }
        return new BinaryMask(S, S, pixels);
    }

    @Test
    void theTargetIsTheComponentOfTheSamplesNearestThePreference() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            // Sample n sits on component n (means 0, 10, 20, 30; L = 2).
            var z = manager.create(new float[] {0, 0, 10, 10, 20, 20, 30, 30}, new Shape(4, 2));
            var pi = manager.create(new float[] {0.25f, 0.25f, 0.25f, 0.25f});
            var mu = manager.create(new float[] {0, 10, 20, 30});
            var sigma2 = manager.create(new float[] {1, 1, 1, 1});
            var probabilities = manager.create(maps(), new Shape(4, S, S));
            float[] one = LatentTargets.estimate(probabilities, z, pi, mu, sigma2, leftHalf(), CONFIG, 1);
            assertThat(one[2]).isCloseTo(1f, within(1e-4f));
            // Both the full map and the empty ones are half the image away; the default N / K = 1 sample here too.
            float[] byDefault = LatentTargets.estimate(probabilities, z, pi, mu, sigma2, leftHalf(), CONFIG, 0);
            assertThat(byDefault).containsExactly(one, within(1e-6f));
            float[] two = LatentTargets.estimate(probabilities, z, pi, mu, sigma2, leftHalf(), CONFIG, 2);
            assertThat(two[2]).isCloseTo(0.5f, within(1e-4f));
            assertThat(two[0] + two[1] + two[3]).isCloseTo(0.5f, within(1e-4f));
        }
    }
}
