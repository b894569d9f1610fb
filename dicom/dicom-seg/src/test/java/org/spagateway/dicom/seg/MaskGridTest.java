package org.spagateway.dicom.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class MaskGridTest {

    @Test
    void storesPixelsRowMajor() {
        MaskGrid mask = MaskGrid.of(3, 2, new boolean[] {false, true, false, false, false, true});

        assertThat(mask.get(1, 0)).isTrue();
        assertThat(mask.get(2, 1)).isTrue();
        assertThat(mask.get(0, 1)).isFalse();
        assertThat(mask.count()).isEqualTo(2);
    }

    @Test
    void isNotChangedThroughTheBitSetItWasBuiltFromOrHandsOut() {
        BitSet bits = new BitSet();
        bits.set(0);
        MaskGrid mask = new MaskGrid(2, 2, bits);
        bits.set(3);
        mask.bits().set(2);

        assertThat(mask.count()).isEqualTo(1);
    }

    @Test
    void rejectsPixelArraysOfTheWrongLength() {
        assertThatThrownBy(() -> MaskGrid.of(3, 3, new boolean[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 3x3 = 9 pixels, got 8");
    }

    @Test
    void rejectsBitsOutsideTheGrid() {
        BitSet bits = new BitSet();
        bits.set(4);

        assertThatThrownBy(() -> new MaskGrid(2, 2, bits)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requireSizeNamesBothGrids() {
        assertThatThrownBy(() -> MaskGrid.empty(4, 5).requireSize(5, 4, "candidate 1"))
                .hasMessage("candidate 1 is 4x5 but the source image grid is 5x4 (columns x rows)");
    }
}
