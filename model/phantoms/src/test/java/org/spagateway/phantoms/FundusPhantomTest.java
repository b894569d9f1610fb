package org.spagateway.phantoms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FundusPhantomTest {

    @Test
    void rendersIdenticalPixelsAndMasksForTheSameSeed() {
        PhantomSample first = FundusPhantom.fromSeed(42).render(128);
        PhantomSample second = FundusPhantom.fromSeed(42).render(128);

        assertThat(second.image().pixels()).containsExactly(first.image().pixels());
        assertThat(second.structure(FundusPhantom.OPTIC_CUP).inclusion())
                .containsExactly(first.structure(FundusPhantom.OPTIC_CUP).inclusion());
    }

    @Test
    void differentSeedsPlaceTheDiscDifferently() {
        float[] a = FundusPhantom.fromSeed(1).render(64).structure(FundusPhantom.OPTIC_DISC).inclusion();
        float[] b = FundusPhantom.fromSeed(2).render(64).structure(FundusPhantom.OPTIC_DISC).inclusion();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void rendersRgbReflectanceAndInclusionWithinUnitRange() {
        PhantomSample sample = FundusPhantom.fromSeed(7).render(96);

        assertThat(sample.image().channels()).isEqualTo(3);
        PixelRange.of(sample.image().pixels()).assertWithin(0f, 1f);
        for (SoftMask mask : sample.structures()) {
            PixelRange.of(mask.inclusion()).assertWithin(0f, 1f);
        }
    }

    @Test
    void discAndCupHaveCertainCoresAndAmbiguousRims() {
        for (long seed = 0; seed < 20; seed++) {
            PhantomSample sample = FundusPhantom.fromSeed(seed).renderDiscCrop(128, 3.0);
            for (SoftMask mask : sample.structures()) {
                assertThat(count(mask, v -> v == 1f)).as("certain core of %s, seed %d", mask.structure(), seed)
                        .isPositive();
                assertThat(count(mask, v -> v > 0.1f && v < 0.9f)).as("rim of %s, seed %d", mask.structure(), seed)
                        .isGreaterThan(20);
            }
        }
    }

    @Test
    void cupLiesInsideTheCertainPartOfTheDisc() {
        for (long seed = 0; seed < 50; seed++) {
            PhantomSample sample = FundusPhantom.fromSeed(seed).renderDiscCrop(128, 3.0);
            float[] disc = sample.structure(FundusPhantom.OPTIC_DISC).inclusion();
            float[] cup = sample.structure(FundusPhantom.OPTIC_CUP).inclusion();
            for (int i = 0; i < cup.length; i++) {
                if (cup[i] > 0) {
                    assertThat(disc[i]).as("disc where cup > 0, seed %d", seed).isEqualTo(1f);
                }
            }
        }
    }

    @Test
    void discIsBrighterThanTheBackgroundAndCupBrighterStill() {
        PhantomSample sample = FundusPhantom.fromSeed(3).render(256);
        float[] disc = sample.structure(FundusPhantom.OPTIC_DISC).inclusion();
        float[] cup = sample.structure(FundusPhantom.OPTIC_CUP).inclusion();
        float[] rgb = sample.image().pixels();
        double background = 0;
        double rim = 0;
        double cupCore = 0;
        int nb = 0;
        int nr = 0;
        int nc = 0;
        for (int i = 0; i < disc.length; i++) {
            double green = rgb[i * 3 + 1];
            int x = i % 256;
            int y = i / 256;
            boolean centralField = Math.hypot(x - 128, y - 128) < 100;
            if (disc[i] == 0 && centralField) {
                background += green;
                nb++;
            } else if (disc[i] == 1 && cup[i] == 0) {
                rim += green;
                nr++;
            } else if (cup[i] == 1) {
                cupCore += green;
                nc++;
            }
        }
        assertThat(rim / nr).isGreaterThan(background / nb + 0.1);
        assertThat(cupCore / nc).isGreaterThan(rim / nr);
    }

    private static long count(SoftMask mask, FloatPredicate predicate) {
        long n = 0;
        for (float v : mask.inclusion()) {
            if (predicate.test(v)) {
                n++;
            }
        }
        return n;
    }

    @FunctionalInterface
    private interface FloatPredicate {
        boolean test(float value);
    }
}
