package org.spagateway.phantoms;

import java.util.Objects;

/**
 * Per-pixel inclusion probability of one structure, row-major, in [0,1]: 1 where every rater would include the
 * pixel, 0 where none would, values in between on the ambiguous rim. A simulated rater's mask is this map
 * thresholded at the rater's personal level, so raters disagree consistently (SPA-NOTES.md, synthetic data).
 */
public record SoftMask(String structure, int width, int height, float[] inclusion) {

    public SoftMask {
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(inclusion, "inclusion");
        if (inclusion.length != width * height) {
            throw new IllegalArgumentException("inclusion has " + inclusion.length + " values, expected "
                    + width * height);
        }
    }

    public float inclusionAt(int x, int y) {
        return inclusion[y * width + x];
    }

    /** The binary mask a rater with the given personal threshold would draw: inclusion &gt;= level. */
    public boolean[] thresholdAt(float level) {
        boolean[] mask = new boolean[inclusion.length];
        for (int i = 0; i < inclusion.length; i++) {
            mask[i] = inclusion[i] >= level;
        }
        return mask;
    }
}
