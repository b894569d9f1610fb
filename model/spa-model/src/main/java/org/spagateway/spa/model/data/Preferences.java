package org.spagateway.spa.model.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spagateway.spa.model.BinaryMask;

/**
 * How a "preference" (the ground truth a user wants) is formed from the raters of one image.
 */
public final class Preferences {

    /** Subset threshold: a pixel is in the fused preference when at least half the chosen raters mark it. */
    public static final float FUSION_LEVEL = 0.5f;

    /** A preference: which raters it fuses, and the fused mask. */
    public record Preference(List<Integer> raters, BinaryMask mask) {
        public Preference {
            raters = List.copyOf(raters);
        }
    }

    private Preferences() {
    }

    /**
     * The paper's test-time scheme: one of the 2^R - 1 non-empty rater subsets uniformly at random (15 for four
     * raters), averaged and binarised at {@link #FUSION_LEVEL} (inclusive).
     */
    public static Preference uniformSubset(MultiRaterSample sample, SplittableRandom random) {
        int r = sample.raterCount();
        int bits = 1 + random.nextInt((1 << r) - 1);
        List<Integer> raters = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            if ((bits & (1 << i)) != 0) {
                raters.add(i);
            }
        }
        return new Preference(raters, sample.fuse(raters, FUSION_LEVEL));
    }

    /** All 2^R - 1 non-empty subsets, in bit order (for exhaustive evaluation). */
    public static List<List<Integer>> allSubsets(int raterCount) {
        List<List<Integer>> out = new ArrayList<>();
        for (int bits = 1; bits < (1 << raterCount); bits++) {
            List<Integer> raters = new ArrayList<>();
            for (int i = 0; i < raterCount; i++) {
                if ((bits & (1 << i)) != 0) {
                    raters.add(i);
                }
            }
            out.add(raters);
        }
        return out;
    }

    /**
     * The paper code's training scheme ({@code random_click}): draw a level v among the distinct values of the
     * rater mean (with probability 0.8 forced to a disagreement level 0 &lt; v &lt; 1), a pixel with that mean, a
     * label round(v) (flipped with probability 0.2); the preference is the raters who gave that pixel that label.
     * Guards the code lacks: no disagreement pixel or no matching rater means all raters.
     */
    public static Preference pixelDriven(MultiRaterSample sample, SplittableRandom random) {
        float[] mean = sample.raterMean();
        int r = sample.raterCount();
        boolean anyDisagreement = false;
        boolean[] levelPresent = new boolean[r + 1];
        for (float m : mean) {
            int level = Math.round(m * r);
            levelPresent[level] = true;
            if (level > 0 && level < r) {
                anyDisagreement = true;
            }
        }
        if (!anyDisagreement) {
            return new Preference(sample.allRaters(), sample.fuse(sample.allRaters(), FUSION_LEVEL));
        }
        List<Integer> levels = new ArrayList<>();
        List<Integer> ambiguous = new ArrayList<>();
        for (int level = 0; level <= r; level++) {
            if (levelPresent[level]) {
                levels.add(level);
                if (level > 0 && level < r) {
                    ambiguous.add(level);
                }
            }
        }
        int level = levels.get(random.nextInt(levels.size()));
        if ((level == 0 || level == r) && random.nextDouble() < 0.8) {
            level = ambiguous.get(random.nextInt(ambiguous.size()));
        }
        List<Integer> pixels = new ArrayList<>();
        for (int i = 0; i < mean.length; i++) {
            if (Math.round(mean[i] * r) == level) {
                pixels.add(i);
            }
        }
        int pixel = pixels.get(random.nextInt(pixels.size()));
        boolean label = 2 * level >= r;
        if (random.nextDouble() < 0.2) {
            label = !label;
        }
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            if (sample.raterMasks().get(i).pixels()[pixel] == label) {
                chosen.add(i);
            }
        }
        if (chosen.isEmpty()) {
            chosen = sample.allRaters();
        }
        return new Preference(chosen, sample.fuse(chosen, FUSION_LEVEL));
    }
}
