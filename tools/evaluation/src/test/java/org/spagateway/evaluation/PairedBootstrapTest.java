package org.spagateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

    @Test
    void theRatioIsTheRatioOfTheMeansAndItsIntervalHoldsIt() {
        double[] a = {2, 3, 1, 10, 2, 2, 3, 1};
        double[] b = {4, 5, 3, 10, 4, 3, 4, 2};

        PairedBootstrap.Ratio ratio = PairedBootstrap.ratio(a, b);

        assertThat(ratio.value()).isCloseTo(24.0 / 35.0, within(1e-12));
        assertThat(ratio.low()).isLessThan(ratio.value());
        assertThat(ratio.high()).isGreaterThan(ratio.value());
        assertThat(PairedBootstrap.ratio(a, b)).as("a fixed seed: the same interval").isEqualTo(ratio);
    }

    @Test
    void pairingNarrowsTheIntervalWhenTheImagesVaryTogether() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 60;
        double[] hard = new double[n];
        double[] easy = new double[n];
        double[] shuffled = new double[n];
        for (int i = 0; i < n; i++) {
            double difficulty = 1 + 8 * random.nextDouble();
            hard[i] = difficulty;
            easy[i] = 0.7 * difficulty + 0.1 * random.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            shuffled[i] = easy[(i * 7 + 3) % n];
        }

        PairedBootstrap.Ratio paired = PairedBootstrap.ratio(easy, hard);
        PairedBootstrap.Ratio unpaired = PairedBootstrap.ratio(shuffled, hard);

        assertThat(paired.value()).isCloseTo(unpaired.value(), within(1e-12));
        assertThat(paired.high() - paired.low()).isLessThan((unpaired.high() - unpaired.low()) / 3);
        assertThat(paired.low()).isGreaterThan(0.6);
        assertThat(paired.high()).isLessThan(0.8);
    }

    @Test
    void noneOnEitherSideIsUndefinedAndResamplesWithoutAnyAreLeftOutAndCounted() {
        PairedBootstrap.Ratio none = PairedBootstrap.ratio(new double[] {0, 0}, new double[] {0, 0});
        assertThat(none.value()).isNaN();
        assertThat(none.low()).isNaN();
        assertThat(none.undefined()).isEqualTo(PairedBootstrap.RESAMPLES);
        // One failure of the second method in 8 images: a resample without that image has none on either side.
        PairedBootstrap.Ratio rare = PairedBootstrap.ratio(new double[8], new double[] {0, 0, 0, 1, 0, 0, 0, 0});
        assertThat(rare.value()).isZero();
        assertThat(rare.high()).isZero();
        assertThat(rare.undefined()).isBetween(PairedBootstrap.RESAMPLES / 4, PairedBootstrap.RESAMPLES / 2);
    }

    @Test
    void unpairedValuesAreRefused() {
        assertThatThrownBy(() -> PairedBootstrap.ratio(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("paired");
    }
}
