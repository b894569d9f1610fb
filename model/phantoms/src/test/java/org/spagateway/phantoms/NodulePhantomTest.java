package org.spagateway.phantoms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodulePhantomTest {

    @Test
    void rendersIdenticalSlicesForTheSameSeed() {
        PhantomSample first = NodulePhantom.fromSeed(11).renderSlice(128, 1.25);
        PhantomSample second = NodulePhantom.fromSeed(11).renderSlice(128, 1.25);

        assertThat(second.image().pixels()).containsExactly(first.image().pixels());
        assertThat(second.structure(NodulePhantom.NODULE).inclusion())
                .containsExactly(first.structure(NodulePhantom.NODULE).inclusion());
    }

    @Test
    void rendersHounsfieldUnitsInAPlausibleRange() {
        PhantomSample sample = NodulePhantom.fromSeed(5).render(128);

        assertThat(sample.image().channels()).isEqualTo(1);
        PixelRange.of(sample.image().pixels()).assertWithin(-1100f, 400f);
        PixelRange.of(sample.structure(NodulePhantom.NODULE).inclusion()).assertWithin(0f, 1f);
    }

    @Test
    void noduleIsDenseAgainstAeratedLung() {
        for (long seed = 0; seed < 10; seed++) {
            PhantomSample sample = NodulePhantom.fromSeed(seed).renderLesionCrop(128, 64, 0);
            float[] hu = sample.image().pixels();
            float[] inclusion = sample.structure(NodulePhantom.NODULE).inclusion();
            double inside = 0;
            int ni = 0;
            double lung = 0;
            int nl = 0;
            for (int i = 0; i < hu.length; i++) {
                if (inclusion[i] == 1f) {
                    inside += hu[i];
                    ni++;
                } else if (inclusion[i] == 0f && hu[i] < -600) {
                    lung += hu[i];
                    nl++;
                }
            }
            assertThat(inside / ni).as("nodule HU, seed %d", seed).isGreaterThan(-100);
            assertThat(lung / nl).as("lung HU, seed %d", seed).isBetween(-900.0, -800.0);
        }
    }

    @Test
    void noduleHasAnAmbiguousRimInLesionCrops() {
        for (long seed = 0; seed < 10; seed++) {
            float[] inclusion = NodulePhantom.fromSeed(seed).renderLesionCrop(128, 64, 0)
                    .structure(NodulePhantom.NODULE).inclusion();
            long rim = 0;
            for (float v : inclusion) {
                if (v > 0.1f && v < 0.9f) {
                    rim++;
                }
            }
            assertThat(rim).as("rim pixels, seed %d", seed).isGreaterThan(20);
        }
    }

    @Test
    void slicesAtDifferentDepthsCutDifferentCrossSectionsThatShrinkAwayFromTheCentre() {
        NodulePhantom phantom = NodulePhantom.fromSeed(9);
        double r = phantom.noduleRadiusMm();

        long centre = area(phantom.renderLesionCrop(96, 64, 0));
        long off = area(phantom.renderLesionCrop(96, 64, 0.6 * r));
        long beyond = area(phantom.renderLesionCrop(96, 64, 4 * r + 40));

        assertThat(centre).isGreaterThan(off);
        assertThat(off).isPositive();
        assertThat(beyond).isZero();
    }

    private static long area(PhantomSample sample) {
        long n = 0;
        for (float v : sample.structure(NodulePhantom.NODULE).inclusion()) {
            if (v >= 0.5f) {
                n++;
            }
        }
        return n;
    }
}
