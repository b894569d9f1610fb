package org.spagateway.spa.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.BinaryMask;

class PreferencesTest {

    private final MultiRaterSample sample =
            MultiRaterGenerator.standard(RaterPanel.defaults(Task.OPTIC_CUP)).sample(5);

    @Test
    void uniformSubsetsCoverAllFifteenCombinationsOfFourRaters() {
        SplittableRandom random = new SplittableRandom(1);
        Set<List<Integer>> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            seen.add(Preferences.uniformSubset(sample, random).raters());
        }
        assertThat(seen).hasSize(15).containsExactlyInAnyOrderElementsOf(Preferences.allSubsets(4));
    }

    @Test
    void aPairIsFusedInclusivelySoEitherRatersPixelsCount() {
        BinaryMask fused = sample.fuse(List.of(0, 1), Preferences.FUSION_LEVEL);
        BinaryMask liberal = sample.raterMasks().get(1);
        // R1 lies inside R2 here, so "at least half of the pair" is the union, i.e. R2.
        assertThat(fused.dice(liberal)).isGreaterThan(0.99);
        assertThat(sample.fuse(List.of(2), 0.5f)).isEqualTo(sample.raterMasks().get(2));
    }

    @Test
    void thePixelDrivenPreferenceIsTheFusionOfANonEmptyRaterSubset() {
        SplittableRandom random = new SplittableRandom(2);
        Set<List<Integer>> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Preferences.Preference p = Preferences.pixelDriven(sample, random);
            assertThat(p.raters()).isNotEmpty();
            assertThat(p.mask()).isEqualTo(sample.fuse(p.raters(), Preferences.FUSION_LEVEL));
            seen.add(p.raters());
        }
        assertThat(seen.size()).isGreaterThan(2);
    }
}
