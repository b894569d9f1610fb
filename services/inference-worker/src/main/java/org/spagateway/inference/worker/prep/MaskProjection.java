package org.spagateway.inference.worker.prep;

import org.spagateway.spa.model.BinaryMask;
import org.spagateway.dicom.seg.MaskGrid;

/**
 * Maps a mask on the model grid back onto the source image grid, the inverse of the crop and resampling: each
 * source pixel whose centre falls inside the crop window takes the value of the model pixel cell containing that
 * centre (nearest neighbour, so no new label values appear); pixels outside the window are background.
 */
public final class MaskProjection {

    private MaskProjection() {
    }

    public static MaskGrid toSource(BinaryMask mask, CropWindow window, int columns, int rows) {
        if (mask.width() != window.size() || mask.height() != window.size()) {
            throw new IllegalArgumentException("mask is " + mask.width() + "x" + mask.height()
                    + " but the crop window is resampled to " + window.size());
        }
        boolean[] out = new boolean[columns * rows];
        int firstCol = Math.max(0, (int) Math.floor(window.originX()));
        int lastCol = Math.min(columns - 1, (int) Math.ceil(window.originX() + window.extent()));
        int firstRow = Math.max(0, (int) Math.floor(window.originY()));
        int lastRow = Math.min(rows - 1, (int) Math.ceil(window.originY() + window.extent()));
        for (int row = firstRow; row <= lastRow; row++) {
            int v = window.modelRow(row + 0.5);
            if (v < 0 || v >= window.size()) {
                continue;
            }
            for (int col = firstCol; col <= lastCol; col++) {
                int u = window.modelColumn(col + 0.5);
                if (u >= 0 && u < window.size() && mask.get(u, v)) {
                    out[row * columns + col] = true;
                }
            }
        }
        return MaskGrid.of(columns, rows, out);
    }
}
