package org.spagateway.spa.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.data.MultiRaterGenerator.Split;

class MultiRaterGeneratorTest {

    private final MultiRaterGenerator cup = MultiRaterGenerator.standard(RaterPanel.defaults(Task.OPTIC_CUP));
    private final MultiRaterGenerator nodule = MultiRaterGenerator.standard(RaterPanel.defaults(Task.NODULE));

    @Test
    void theSameSeedGivesTheSameImageAndMasks() {
        MultiRaterSample a = cup.sample(42);
        MultiRaterSample b = cup.sample(42);
        assertThat(a.image()).containsExactly(b.image());
        assertThat(a.raterMasks()).isEqualTo(b.raterMasks());
        assertThat(cup.sample(43).image()).isNotEqualTo(a.image());
    }

    @Test
    void imagesAreResizedToTheModelInputAndNormalised() {
        MultiRaterSample fundus = cup.sample(7);
        MultiRaterSample ct = nodule.sample(7);
        assertThat(fundus.size()).isEqualTo(128);
        assertThat(fundus.image()).hasSize(3 * 128 * 128);
        assertThat(ct.image()).hasSize(128 * 128);
        for (float v : ct.image()) {
            assertThat(v).isBetween(-1.21f, 1.61f);
        }
        assertThat(fundus.raterMasks()).allSatisfy(m -> assertThat(m.width()).isEqualTo(128));
    }

    @Test
    void ratersKeepTheirStyleLiberalAboveConservativeOnEveryImage() {
        for (MultiRaterSample s : cup.split(Split.TRAIN, 8, 3)) {
            // cup-R1 is the conservative reader, cup-R2 the liberal one.
            assertThat(s.raterMasks().get(1).area()).isGreaterThan(s.raterMasks().get(0).area());
            assertThat(s.agreedForeground().area()).isPositive();
            assertThat(s.disagreement().area()).isPositive();
        }
    }

    @Test
    void ratersDisagreeOnTheRimButLessThanTheyAgree() {
        for (MultiRaterSample s : nodule.split(Split.TRAIN, 6, 5)) {
            double dice = s.raterMasks().get(0).dice(s.raterMasks().get(2));
            assertThat(dice).isBetween(0.3, 0.97);
        }
    }

    @Test
    void aRaterDrawsTheSameMaskInASmallerPanel() {
        RaterPanel full = RaterPanel.defaults(Task.OPTIC_CUP);
        MultiRaterGenerator heldOut = MultiRaterGenerator.standard(full.subset(List.of(2, 3)));
        MultiRaterSample all = cup.sample(11);
        MultiRaterSample sub = heldOut.sample(11);
        assertThat(sub.raterMasks()).containsExactly(all.raterMasks().get(2), all.raterMasks().get(3));
    }

    @Test
    void splitsUseDisjointSeedsAndAreReproducible() {
        List<MultiRaterSample> train = nodule.split(Split.TRAIN, 3, 1);
        List<MultiRaterSample> test = nodule.split(Split.TEST, 3, 1);
        assertThat(train).extracting(MultiRaterSample::seed)
                .doesNotContainAnyElementsOf(test.stream().map(MultiRaterSample::seed).toList());
        assertThat(nodule.split(Split.TRAIN, 3, 1)).extracting(MultiRaterSample::seed)
                .containsExactlyElementsOf(train.stream().map(MultiRaterSample::seed).toList());
    }
}
