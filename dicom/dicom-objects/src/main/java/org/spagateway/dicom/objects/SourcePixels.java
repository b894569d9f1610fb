package org.spagateway.dicom.objects;

import java.util.Objects;

/**
 * The pixels of a single-frame source image in physical units, channel-planar: {@code values[c * rows * columns +
 * row * columns + column]}. OP colour photographs give reflectance in [0, 1] per RGB channel; CT gives Hounsfield
 * units (stored value times Rescale Slope plus Rescale Intercept, PS3.3 C.11.1.1.2).
 *
 * @param columns       Columns (0028,0011)
 * @param rows          Rows (0028,0010)
 * @param channels      3 for RGB, 1 for monochrome
 * @param pixelSpacingMm row and column spacing in mm, or 0 when the image has no Pixel Spacing (OP photographs)
 * @param values        the pixel values
 */
public record SourcePixels(int columns, int rows, int channels, double pixelSpacingMm, float[] values) {

    public SourcePixels {
        Objects.requireNonNull(values, "values");
        if (columns < 1 || rows < 1 || channels < 1 || (long) columns * rows * channels != values.length) {
            throw new IllegalArgumentException("expected " + channels + " x " + rows + " x " + columns
                    + " values, got " + values.length);
        }
    }

    public float value(int channel, int column, int row) {
        return values[(channel * rows + row) * columns + column];
    }

    /** One channel as a row-major plane (a copy). */
    public float[] plane(int channel) {
        float[] plane = new float[columns * rows];
        System.arraycopy(values, channel * plane.length, plane, 0, plane.length);
        return plane;
    }
}
