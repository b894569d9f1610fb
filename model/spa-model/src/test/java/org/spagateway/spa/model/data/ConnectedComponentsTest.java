package org.spagateway.spa.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.data.ConnectedComponents.Component;

class ConnectedComponentsTest {

    /** A mask from rows of '#' (set) and '.' (background). */
    private static boolean[] mask(String... rows) {
        boolean[] mask = new boolean[rows.length * rows[0].length()];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                mask[y * rows[y].length() + x] = rows[y].charAt(x) == '#';
            }
        }
        return mask;
    }

    @Test
    void twoSeparateBlobsAreLabelledInRasterOrderWithTheirSizesAndBoxes() {
        ConnectedComponents components = ConnectedComponents.of(mask(
                "......",
                ".##...",
                ".##..#",
                "....##",
                "....##"), 6, 5);

        assertThat(components.components()).containsExactly(
                new Component(1, 4, 1, 1, 2, 2, 1 + 2 + 1 + 2, 1 + 1 + 2 + 2),
                new Component(2, 5, 4, 2, 5, 4, 5 + 4 + 5 + 4 + 5, 2 + 3 + 3 + 4 + 4));
        assertThat(components.labelAt(1 * 6 + 1)).isEqualTo(1);
        assertThat(components.labelAt(4 * 6 + 5)).isEqualTo(2);
        assertThat(components.labelAt(0)).isZero();
        assertThat(components.largest()).get().extracting(Component::label).isEqualTo(2);
        assertThat(components.touchesBorder(components.components().get(0))).isFalse();
        assertThat(components.touchesBorder(components.components().get(1))).isTrue();
    }

    @Test
    void pixelsTouchingOnlyAtACornerAreSeparateComponents() {
        ConnectedComponents components = ConnectedComponents.of(mask(
                "#..",
                ".#.",
                "..#"), 3, 3);

        assertThat(components.components()).extracting(Component::size).containsExactly(1, 1, 1);
        assertThat(components.labelAt(0)).isEqualTo(1);
        assertThat(components.labelAt(4)).isEqualTo(2);
        assertThat(components.labelAt(8)).isEqualTo(3);
    }

    @Test
    void ofEquallyLargeComponentsTheFirstInRasterOrderIsTheLargest() {
        ConnectedComponents components = ConnectedComponents.of(mask(
                "...##",
                "##...",
                "....."), 5, 3);

        assertThat(components.largest()).get().extracting(Component::label, Component::minX)
                .containsExactly(1, 3);
    }

    @Test
    void anEmptyMaskHasNoComponentsAndNoLargest() {
        ConnectedComponents components = ConnectedComponents.of(new boolean[12], 4, 3);

        assertThat(components.components()).isEmpty();
        assertThat(components.largest()).isEmpty();
    }

    @Test
    void aFullMaskIsOneComponentCoveringTheGrid() {
        boolean[] full = new boolean[12];
        java.util.Arrays.fill(full, true);

        ConnectedComponents components = ConnectedComponents.of(full, 4, 3);

        Component only = components.largest().orElseThrow();
        assertThat(components.components()).containsExactly(only);
        assertThat(only.size()).isEqualTo(12);
        assertThat(only).extracting(Component::minX, Component::minY, Component::maxX, Component::maxY)
                .containsExactly(0, 0, 3, 2);
        assertThat(only.centreX()).isEqualTo(2.0);
        assertThat(only.centreY()).isEqualTo(1.5);
        assertThat(components.mask(only)).isEqualTo(full);
    }

    @Test
    void theMaskOfAComponentHoldsOnlyItsPixels() {
        boolean[] grid = mask(
                "#.#",
                "#.#");

        ConnectedComponents components = ConnectedComponents.of(grid, 3, 2);

        assertThat(components.mask(components.components().get(1))).isEqualTo(mask(
                "..#",
                "..#"));
    }

    @Test
    void aMaskOfTheWrongLengthIsRejected() {
        assertThatThrownBy(() -> ConnectedComponents.of(new boolean[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x3");
    }
}
