package org.spagateway.spa.model.data;

import java.util.SplittableRandom;
import org.spagateway.spa.model.BinaryMask;

/**
 * Draws a simulated rater's mask from a structure's soft inclusion map (never from the phantom geometry itself):
 * <ol>
 *   <li>blur the inclusion map by the rater's {@code smoothingSigma};</li>
 *   <li>on the rim only (weight 4p(1-p)), add a smooth per-image random field of amplitude {@code boundaryNoise};</li>
 *   <li>threshold at the rater's {@code threshold}, moved per image by N(0, {@code thresholdJitter}) and kept in
 *       [0.02, 0.98];</li>
 *   <li>dilate ({@code biasPixels} &gt; 0) or erode (&lt; 0) the result.</li>
 * </ol>
 * The per-image randomness is seeded from the image seed and the rater id, so a rater draws the same mask for the
 * same image whatever panel they are in.
 */
public final class RaterSimulator {

    private RaterSimulator() {
    }

    public static BinaryMask draw(float[] inclusion, int width, int height, RaterStyle style, long imageSeed) {
        long seed = Seeds.mix(imageSeed, style.id().hashCode());
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = ImageOps.gaussianBlur(inclusion, width, height, style.smoothingSigma());
        if (style.boundaryNoise() > 0) {
            float[] field = ImageOps.smoothNoise(width, height, style.noiseWavelength(), random.nextLong());
            for (int i = 0; i < p.length; i++) {
                float rim = 4f * p[i] * (1f - p[i]);
                p[i] += (float) style.boundaryNoise() * rim * field[i];
            }
        } else {
            random.nextLong();
        }
        double level = style.threshold() + style.thresholdJitter() * random.nextGaussian();
        level = Math.max(0.02, Math.min(0.98, level));
        boolean[] mask = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            mask[i] = p[i] >= level;
        }
        return new BinaryMask(width, height, ImageOps.morph(mask, width, height, style.biasPixels()));
    }
}
