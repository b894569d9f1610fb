package org.spagateway.dicom.seg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryFramePackerTest {

    @Test
    void putsTheFirstPixelInTheLeastSignificantBit() {
        MaskGrid frame = MaskGrid.of(4, 2, new boolean[] {true, false, false, false, false, false, false, true});

        assertThat(BinaryFramePacker.pack(List.of(frame))).containsExactly(0b1000_0001, 0);
    }

    @Test
    void packsFramesBackToBackWithoutPaddingBetweenThem() {
        MaskGrid first = MaskGrid.of(3, 1, new boolean[] {true, true, true});
        MaskGrid second = MaskGrid.of(3, 1, new boolean[] {false, true, false});

        // 6 bits: 1,1,1 then 0,1,0 -> 0b010111; padded to an even number of bytes.
        assertThat(BinaryFramePacker.pack(List.of(first, second))).containsExactly(0b0001_0111, 0);
    }

    @Test
    void padsToAnEvenLength() {
        MaskGrid frame = MaskGrid.empty(4, 4);

        assertThat(BinaryFramePacker.pack(List.of(frame, frame, frame))).hasSize(6);
        assertThat(BinaryFramePacker.pack(List.of(frame))).hasSize(2);
    }
}
