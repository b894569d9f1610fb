package org.spagateway.spa.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A binary segmentation on a square or rectangular pixel grid, row-major: pixel (x, y) is {@code pixels[y * width + x]}.
 * Immutable: the constructor and {@link #pixels()} copy.
 */
public final class BinaryMask {

    private final int width;
    private final int height;
    private final boolean[] pixels;

    public BinaryMask(int width, int height, boolean[] pixels) {
        this(Objects.requireNonNull(pixels, "pixels").clone(), width, height);
    }

    /** Takes {@code pixels} as they are, without a copy: for the public constructor and for arrays made here. */
    private BinaryMask(boolean[] pixels, int width, int height) {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " mask needs " + width * height
                    + " pixels, got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** Thresholds a probability map: pixel set where {@code probabilities[i] >= level}. */
    public static BinaryMask threshold(int width, int height, float[] probabilities, float level) {
        boolean[] out = new boolean[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilities[i] >= level;
        }
        return new BinaryMask(out, width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean get(int x, int y) {
        return pixels[y * width + x];
    }

    public boolean[] pixels() {
        return pixels.clone();
    }

    /** Number of foreground pixels. */
    public int area() {
        int n = 0;
        for (boolean p : pixels) {
            if (p) {
                n++;
            }
        }
        return n;
    }

    /** Foreground as 0/1 floats, row-major. */
    public float[] toFloats() {
        float[] out = new float[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = pixels[i] ? 1f : 0f;
        }
        return out;
    }

    /**
     * Dice similarity 2|A∩B| / (|A|+|B|), with the paper code's smoothing: two empty masks score 1, an empty mask
     * against a non-empty one scores 0.
     */
    public double dice(BinaryMask other) {
        requireSameGrid(other);
        int both = 0;
        int sum = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i]) {
                sum++;
                if (other.pixels[i]) {
                    both++;
                }
            }
            if (other.pixels[i]) {
                sum++;
            }
        }
        return sum == 0 ? 1.0 : 2.0 * both / sum;
    }

    private void requireSameGrid(BinaryMask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("masks on different grids: " + width + "x" + height + " vs "
                    + other.width + "x" + other.height);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryMask m && m.width == width && m.height == height && Arrays.equals(m.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "BinaryMask[" + width + "x" + height + ", area=" + area() + "]";
    }
}
