package org.spagateway.dicom.seg;

import java.util.BitSet;
import java.util.Objects;

/**
 * A binary mask on an image grid: {@code width} columns by {@code height} rows, stored row-major (bit
 * {@code row * width + column} is the pixel at that column and row, row 0 at the top as in DICOM's pixel data,
 * PS3.3 C.7.6.3.1.4). Immutable: the bits are copied in and out.
 */
public record MaskGrid(int width, int height, BitSet bits) {

    public MaskGrid {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("mask size must be positive, was " + width + "x" + height);
        }
        Objects.requireNonNull(bits, "bits");
        long pixels = (long) width * height;
        if (pixels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mask too large: " + width + "x" + height);
        }
        if (bits.length() > pixels) {
            throw new IllegalArgumentException("mask of " + width + "x" + height + " has a set bit at index "
                    + (bits.length() - 1) + ", outside the grid");
        }
        bits = (BitSet) bits.clone();
    }

    /** A mask from one boolean per pixel, row-major; the array length must be {@code width * height}. */
    public static MaskGrid of(int width, int height, boolean[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        if ((long) width * height != pixels.length) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " = " + (long) width * height
                    + " pixels, got " + pixels.length);
        }
        BitSet bits = new BitSet(pixels.length);
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i]) {
                bits.set(i);
            }
        }
        return new MaskGrid(width, height, bits);
    }

    /** An all-background mask. */
    public static MaskGrid empty(int width, int height) {
        return new MaskGrid(width, height, new BitSet());
    }

    @Override
    public BitSet bits() {
        return (BitSet) bits.clone();
    }

    public boolean get(int column, int row) {
        if (column < 0 || column >= width || row < 0 || row >= height) {
            throw new IndexOutOfBoundsException("(" + column + ", " + row + ") outside " + width + "x" + height);
        }
        return bits.get(row * width + column);
    }

    /** Number of foreground pixels. */
    public int count() {
        return bits.cardinality();
    }

    public int pixelCount() {
        return width * height;
    }

    /** Whether pixel {@code index} (row-major) is foreground; package use, no copy. */
    boolean isSet(int index) {
        return bits.get(index);
    }

    /** Fails unless this mask is exactly {@code columns} wide and {@code rows} high. */
    public void requireSize(int columns, int rows, String what) {
        if (width != columns || height != rows) {
            throw new IllegalArgumentException(what + " is " + width + "x" + height
                    + " but the source image grid is " + columns + "x" + rows + " (columns x rows)");
        }
    }
}
