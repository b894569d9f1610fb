package org.spagateway.phantoms;

import static org.assertj.core.api.Assertions.assertThat;

/** Minimum and maximum of a float array, so a range check reports the offending extreme, not a million values. */
record PixelRange(float min, float max) {

    static PixelRange of(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new PixelRange(min, max);
    }

    void assertWithin(float low, float high) {
        assertThat(min).as("minimum").isGreaterThanOrEqualTo(low);
        assertThat(max).as("maximum").isLessThanOrEqualTo(high);
    }
}
