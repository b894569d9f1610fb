package org.spagateway.inference.worker.prep;

/**
 * A square window on the source image that becomes the model's {@code size} x {@code size} input: the same geometry
 * the training crops had (a window centred on the structure, resampled to the model grid). Coordinates are
 * continuous source pixel coordinates: pixel (column c, row r) covers [c, c+1) x [r, r+1), its centre is at
 * (c + 0.5, r + 0.5).
 *
 * @param centreX  window centre, source columns
 * @param centreY  window centre, source rows
 * @param extent   side length in source pixels
 * @param size     model grid size (pixels per side)
 */
public record CropWindow(double centreX, double centreY, double extent, int size) {

    public CropWindow {
        if (!(extent > 0) || size < 1 || !Double.isFinite(centreX) || !Double.isFinite(centreY)) {
            throw new IllegalArgumentException("invalid crop window: centre (" + centreX + ", " + centreY
                    + "), extent " + extent + ", size " + size);
        }
    }

    public double originX() {
        return centreX - extent / 2;
    }

    public double originY() {
        return centreY - extent / 2;
    }

    /** Source pixels per model pixel. */
    public double step() {
        return extent / size;
    }

    /** The source x coordinate of a position {@code u} on the model grid (continuous, 0..size). */
    public double sourceX(double u) {
        return originX() + u * step();
    }

    public double sourceY(double v) {
        return originY() + v * step();
    }

    /** The model column whose cell contains source x coordinate {@code x}; may lie outside 0..size-1. */
    public int modelColumn(double x) {
        return (int) Math.floor((x - originX()) / step());
    }

    public int modelRow(double y) {
        return (int) Math.floor((y - originY()) / step());
    }
}
