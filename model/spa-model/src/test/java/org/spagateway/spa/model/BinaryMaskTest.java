package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinaryMaskTest {

    @Test
    void thresholdSetsThePixelsAtOrAboveTheLevel() {
        BinaryMask mask = BinaryMask.threshold(2, 2, new float[] {0.2f, 0.5f, 0.7f, 0.49999f}, 0.5f);
        assertThat(mask.pixels()).containsExactly(false, true, true, false);
        assertThat(mask.width()).isEqualTo(2);
        assertThat(mask.height()).isEqualTo(2);
    }

    @Test
    void thresholdRefusesAMapThatDoesNotFitTheGrid() {
        assertThatThrownBy(() -> BinaryMask.threshold(3, 2, new float[5], 0.5f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x2 mask needs 6 pixels, got 5");
    }

    @Test
    void theMaskKeepsItsOwnCopyOfTheCallersArrayAndGivesOutCopies() {
        boolean[] pixels = {true, false, false, true};
        BinaryMask mask = new BinaryMask(2, 2, pixels);
        pixels[1] = true;
        mask.pixels()[2] = true;
        assertThat(mask.pixels()).containsExactly(true, false, false, true);
    }
}
