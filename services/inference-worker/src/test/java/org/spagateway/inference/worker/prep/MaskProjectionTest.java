package org.spagateway.inference.worker.prep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.BinaryMask;
import org.spagateway.dicom.seg.MaskGrid;

class MaskProjectionTest {

    @Test
    void mapsEachModelCellOntoTheSourcePixelsWhoseCentresItContains() {
        // A 4x4 model grid over source columns/rows 10..18 (2 source pixels per model pixel).
        CropWindow window = new CropWindow(14, 14, 8, 4);
        boolean[] model = new boolean[16];
        model[1 * 4 + 2] = true;
        MaskGrid source = MaskProjection.toSource(new BinaryMask(4, 4, model), window, 32, 24);

        assertThat(source.width()).isEqualTo(32);
        assertThat(source.height()).isEqualTo(24);
        assertThat(source.count()).isEqualTo(4);
        assertThat(source.get(14, 12)).isTrue();
        assertThat(source.get(15, 13)).isTrue();
        assertThat(source.get(16, 12)).isFalse();
        assertThat(source.get(14, 11)).isFalse();
    }

    @Test
    void leavesPixelsOutsideTheImageOut() {
        CropWindow window = new CropWindow(1, 1, 8, 4);
        boolean[] all = new boolean[16];
        java.util.Arrays.fill(all, true);
        MaskGrid source = MaskProjection.toSource(new BinaryMask(4, 4, all), window, 10, 10);

        assertThat(source.count()).isEqualTo(25);
    }

    @Test
    void roundTripsAModelMaskThroughSourceResolution() {
        CropWindow window = new CropWindow(50.3, 40.7, 32, 16);
        boolean[] model = new boolean[256];
        for (int i = 0; i < model.length; i++) {
            int x = i % 16;
            int y = i / 16;
            model[i] = (x - 8) * (x - 8) + (y - 7) * (y - 7) < 20;
        }
        MaskGrid source = MaskProjection.toSource(new BinaryMask(16, 16, model), window, 100, 100);

        assertThat(source.count()).isEqualTo(new BinaryMask(16, 16, model).area() * 4);
    }
}
