package org.spagateway.inference.worker.prep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spagateway.phantoms.NodulePhantom;
import org.spagateway.phantoms.PhantomSample;
import org.spagateway.dicom.objects.SourcePixels;
import org.spagateway.dicom.objects.SourceImageException;

class NoduleLocatorTest {

    private static final int SIZE = 512;
    private static final double SPACING = NodulePhantom.FIELD_OF_VIEW_MM / SIZE;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void findsThePhantomNoduleAndCropsSixtyFourMillimetres(long seed) throws Exception {
        PhantomSample slice = NodulePhantom.fromSeed(seed).renderSlice(SIZE, 0.0);
        float[] inclusion = slice.structure(NodulePhantom.NODULE).inclusion();
        double sumX = 0;
        double sumY = 0;
        int area = 0;
        for (int i = 0; i < inclusion.length; i++) {
            if (inclusion[i] >= 0.5f) {
                sumX += i % SIZE + 0.5;
                sumY += i / SIZE + 0.5;
                area++;
            }
        }

        Localisation found = new NoduleLocator().locate(new SourcePixels(SIZE, SIZE, 1, SPACING,
                slice.image().pixels().clone()), 128);

        double radius = Math.sqrt(area / Math.PI);
        assertThat(Math.hypot(found.window().centreX() - sumX / area, found.window().centreY() - sumY / area))
                .isLessThan(Math.max(2.0, 0.5 * radius));
        assertThat(found.window().extent() * SPACING).isCloseTo(64.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(found.evidence()).isPositive();
    }

    @Test
    void rejectsASliceWithoutPixelSpacingOrWithoutANodule() {
        float[] air = new float[64 * 64];
        java.util.Arrays.fill(air, -1000f);
        assertThatThrownBy(() -> new NoduleLocator().locate(new SourcePixels(64, 64, 1, 0, air), 128))
                .isInstanceOf(SourceImageException.class).hasMessageContaining("Pixel Spacing");
        assertThatThrownBy(() -> new NoduleLocator().locate(new SourcePixels(64, 64, 1, 1.0, air), 128))
                .isInstanceOf(SourceImageException.class).hasMessageContaining("no nodule");
    }
}
