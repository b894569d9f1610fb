package org.spagateway.phantoms;

import java.util.Objects;

/**
 * A rendered synthetic image. Pixels are row-major and channel-interleaved: the value of channel {@code c} at
 * column {@code x}, row {@code y} is {@code pixels[(y * width + x) * channels + c]}. Units depend on the phantom
 * (RGB reflectance in [0,1] for the fundus photograph, Hounsfield units for the CT slice).
 */
public record PhantomImage(int width, int height, int channels, float[] pixels) {

    public PhantomImage {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("width, height and channels must be positive");
        }
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != width * height * channels) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected "
                    + width * height * channels);
        }
    }

    public float valueAt(int x, int y, int channel) {
        return pixels[(y * width + x) * channels + channel];
    }
}
