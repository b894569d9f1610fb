package org.spagateway.spa.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ImageOpsTest {

    @Test
    void dilatingOnePixelByOneGivesAPlusAndByOneAndAHalfASquare() {
        boolean[] dot = new boolean[25];
        dot[12] = true;
        assertThat(count(ImageOps.morph(dot, 5, 5, 1.0))).isEqualTo(5);
        assertThat(count(ImageOps.morph(dot, 5, 5, 1.5))).isEqualTo(9);
        assertThat(count(ImageOps.morph(ImageOps.morph(dot, 5, 5, 1.5), 5, 5, -1.5))).isEqualTo(1);
    }

    @Test
    void blockAveragingHalvesTheGridAndKeepsTheMean() {
        float[] plane = new float[16];
        for (int i = 0; i < 16; i++) {
            plane[i] = i;
        }
        float[] small = ImageOps.resize(plane, 4, 4, 2, 2);
        assertThat(small).containsExactly(2.5f, 4.5f, 10.5f, 12.5f);
    }

    @Test
    void blurKeepsAConstantImageConstant() {
        float[] plane = new float[64];
        java.util.Arrays.fill(plane, 0.3f);
        for (float v : ImageOps.gaussianBlur(plane, 8, 8, 2.0)) {
            assertThat(v).isCloseTo(0.3f, within(1e-5f));
        }
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
