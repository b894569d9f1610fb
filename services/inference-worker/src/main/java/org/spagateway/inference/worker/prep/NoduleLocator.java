package org.spagateway.inference.worker.prep;

import java.util.ArrayDeque;
import org.spagateway.dicom.objects.SourcePixels;
import org.spagateway.dicom.objects.SourceImageException;

/**
 * Finds a solid lung nodule on an axial CT slice and returns the crop the nodule model was trained on: a
 * {@value #FIELD_OF_VIEW_MM} mm square centred on the lesion ({@code Task.NODULE_CROP_MM}, LIDC-style crops).
 *
 * <p>Heuristic: soft tissue is every pixel above {@value #SOFT_TISSUE_HU} HU; its 4-connected components that do not
 * touch the image border, whose surrounding ring (one to three pixels out) is at least 70% aerated lung (below
 * {@value #SOFT_TISSUE_HU} HU) and whose area is below {@value #MAX_AREA_MM2} mm2 are nodule candidates (the chest
 * wall, mediastinum and spine form one large component and are never candidates); the largest candidate is the
 * nodule, its centroid the crop centre. A nodule attached to the pleura merges with the chest wall and is not
 * found. For the synthetic phantoms only: a production deployment takes the location from the clinician's click or
 * a detector.
 */
public final class NoduleLocator implements StructureLocator {

    static final double FIELD_OF_VIEW_MM = 64.0;
    static final float SOFT_TISSUE_HU = -500f;
    static final double MAX_AREA_MM2 = 1600.0;
    private static final double MIN_LUNG_RING = 0.7;

    @Override
    public Localisation locate(SourcePixels image, int modelSize) throws SourceImageException {
        double spacing = image.pixelSpacingMm();
        if (!(spacing > 0) || image.channels() != 1) {
            throw new SourceImageException("a CT slice with Pixel Spacing is needed to find a nodule");
        }
        int w = image.columns();
        int h = image.rows();
        float[] hu = image.values();
        int[] label = new int[w * h];
        int next = 0;
        double bestArea = 0;
        double bestX = 0;
        double bestY = 0;
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        for (int start = 0; start < hu.length; start++) {
            if (hu[start] <= SOFT_TISSUE_HU || label[start] != 0) {
                continue;
            }
            next++;
            label[start] = next;
            stack.push(start);
            int area = 0;
            double sumX = 0;
            double sumY = 0;
            int minX = w;
            int maxX = -1;
            int minY = h;
            int maxY = -1;
            while (!stack.isEmpty()) {
                int i = stack.pop();
                int x = i % w;
                int y = i / w;
                area++;
                sumX += x + 0.5;
                sumY += y + 0.5;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                int[] neighbours = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1,
                    y < h - 1 ? i + w : -1};
                for (int n : neighbours) {
                    if (n >= 0 && label[n] == 0 && hu[n] > SOFT_TISSUE_HU) {
                        label[n] = next;
                        stack.push(n);
                    }
                }
            }
            boolean touchesBorder = minX == 0 || minY == 0 || maxX == w - 1 || maxY == h - 1;
            if (touchesBorder || area * spacing * spacing > MAX_AREA_MM2 || area <= bestArea) {
                continue;
            }
            if (lungRing(hu, label, next, w, h, minX, maxX, minY, maxY) >= MIN_LUNG_RING) {
                bestArea = area;
                bestX = sumX / area;
                bestY = sumY / area;
            }
        }
        if (bestArea == 0) {
            throw new SourceImageException("no nodule found: no soft-tissue blob surrounded by lung");
        }
        return new Localisation(new CropWindow(bestX, bestY, FIELD_OF_VIEW_MM / spacing, modelSize), bestArea);
    }

    /** Fraction of aerated-lung pixels among those one to three pixels outside the component's bounding box. */
    private static double lungRing(float[] hu, int[] label, int component, int w, int h, int minX, int maxX,
                                   int minY, int maxY) {
        int lung = 0;
        int total = 0;
        for (int y = Math.max(0, minY - 3); y <= Math.min(h - 1, maxY + 3); y++) {
            for (int x = Math.max(0, minX - 3); x <= Math.min(w - 1, maxX + 3); x++) {
                boolean inside = x >= minX && x <= maxX && y >= minY && y <= maxY;
                if (inside || label[y * w + x] == component) {
                    continue;
                }
                total++;
                if (hu[y * w + x] <= SOFT_TISSUE_HU) {
                    lung++;
                }
            }
        }
        return total == 0 ? 0 : (double) lung / total;
    }
}
