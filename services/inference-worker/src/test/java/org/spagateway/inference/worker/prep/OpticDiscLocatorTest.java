package org.spagateway.inference.worker.prep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.spagateway.phantoms.FundusPhantom;
import org.spagateway.phantoms.PhantomSample;
import org.spagateway.phantoms.SoftMask;
import org.spagateway.dicom.objects.SourcePixels;
import org.spagateway.dicom.objects.SourceImageException;

class OpticDiscLocatorTest {

    private static final int SIZE = 512;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17, 42, 1234567, -99})
    void findsThePhantomDiscCentreAndSize(long seed) throws Exception {
        PhantomSample sample = FundusPhantom.fromSeed(seed).render(SIZE);
        SoftMask disc = sample.structure(FundusPhantom.OPTIC_DISC);
        double sumX = 0;
        double sumY = 0;
        int area = 0;
        float[] inclusion = disc.inclusion();
        for (int i = 0; i < inclusion.length; i++) {
            if (inclusion[i] >= 0.5f) {
                sumX += i % SIZE + 0.5;
                sumY += i / SIZE + 0.5;
                area++;
            }
        }
        double trueRadius = Math.sqrt(area / Math.PI);

        CropWindow window = new OpticDiscLocator().locate(PhantomImages.pixels(sample.image()), 128).window();

        assertThat(Math.hypot(window.centreX() - sumX / area, window.centreY() - sumY / area))
                .isLessThan(0.15 * trueRadius);
        assertThat(window.extent() / (3 * trueRadius)).isBetween(0.88, 1.12);
        assertThat(window.size()).isEqualTo(128);
    }

    @Test
    void rejectsAnImageWithoutABrightRegion() {
        float[] flat = new float[3 * 64 * 64];
        java.util.Arrays.fill(flat, 0.4f);
        assertThatThrownBy(() -> new OpticDiscLocator().locate(new SourcePixels(64, 64, 3, 0, flat), 128))
                .isInstanceOf(SourceImageException.class).hasMessageContaining("no optic disc");
    }
}
