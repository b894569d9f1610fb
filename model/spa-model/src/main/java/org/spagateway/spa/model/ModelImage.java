package org.spagateway.spa.model;

import java.util.Objects;

/**
 * An image on the model's input grid, already normalised (see {@code Task#normalise}), channel-planar:
 * {@code pixels[c * size * size + y * size + x]}.
 */
public record ModelImage(int channels, int size, float[] pixels) {

    public ModelImage {
        Objects.requireNonNull(pixels, "pixels");
        if (channels < 1 || size < 1 || pixels.length != channels * size * size) {
            throw new IllegalArgumentException("expected " + channels + " x " + size + " x " + size + " pixels, got "
                    + pixels.length);
        }
    }

    public static ModelImage of(org.spagateway.spa.model.data.MultiRaterSample sample) {
        return new ModelImage(sample.task().channels(), sample.size(), sample.image());
    }
}
