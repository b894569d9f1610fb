package org.spagateway.spa.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.BinaryMask;
import org.spagateway.spa.model.Click;

class CorrectiveClicksTest {

    private static BinaryMask rect(int size, int x0, int y0, int x1, int y1) {
        boolean[] px = new boolean[size * size];
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                px[y * size + x] = true;
            }
        }
        return new BinaryMask(size, size, px);
    }

    @Test
    void aMissedRegionGetsAPositiveClickAtItsCentre() {
        BinaryMask target = rect(32, 2, 2, 20, 20);
        BinaryMask prediction = rect(32, 2, 2, 10, 20);
        // Missed columns 11..20 (10 wide, 19 tall): the centre is the middle of that strip.
        Click click = CorrectiveClicks.next(prediction, target).orElseThrow();
        assertThat(click.positive()).isTrue();
        assertThat(click.x()).isBetween(15, 16);
        assertThat(click.y()).isBetween(9, 13);
    }

    @Test
    void theLargestErrorWinsAndAFalseRegionGetsANegativeClick() {
        BinaryMask target = rect(32, 10, 10, 12, 12);
        boolean[] px = target.pixels();
        for (int y = 20; y < 30; y++) {
            for (int x = 20; x < 30; x++) {
                px[y * 32 + x] = true;
            }
        }
        px[10 * 32 + 10] = false;
        Click click = CorrectiveClicks.next(new BinaryMask(32, 32, px), target).orElseThrow();
        assertThat(click.positive()).isFalse();
        assertThat(click.x()).isBetween(20, 29);
    }

    @Test
    void aPerfectPredictionNeedsNoClick() {
        BinaryMask target = rect(16, 3, 3, 8, 8);
        assertThat(CorrectiveClicks.next(target, target)).isEmpty();
    }
}
