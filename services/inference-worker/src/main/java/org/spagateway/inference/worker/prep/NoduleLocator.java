package org.spagateway.inference.worker.prep;

import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.dicom.objects.SourcePixels;
import org.spagateway.spa.model.data.ConnectedComponents;
import org.spagateway.spa.model.data.ConnectedComponents.Component;

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
        boolean[] softTissue = new boolean[hu.length];
        for (int i = 0; i < hu.length; i++) {
            softTissue[i] = hu[i] > SOFT_TISSUE_HU;
        }
        ConnectedComponents components = ConnectedComponents.of(softTissue, w, h);
        Component best = null;
        for (Component candidate : components.components()) {
            boolean larger = best == null || candidate.size() > best.size();
            if (components.touchesBorder(candidate) || candidate.size() * spacing * spacing > MAX_AREA_MM2
                    || !larger) {
                continue;
            }
            if (lungRing(hu, components, candidate) >= MIN_LUNG_RING) {
                best = candidate;
            }
        }
        if (best == null) {
            throw new SourceImageException("no nodule found: no soft-tissue blob surrounded by lung");
        }
        return new Localisation(new CropWindow(best.centreX(), best.centreY(), FIELD_OF_VIEW_MM / spacing, modelSize),
                best.size());
    }

    /** Fraction of aerated-lung pixels among those one to three pixels outside the component's bounding box. */
    private static double lungRing(float[] hu, ConnectedComponents components, Component component) {
        int w = components.width();
        int h = components.height();
        int minX = component.minX();
        int maxX = component.maxX();
        int minY = component.minY();
        int maxY = component.maxY();
        int lung = 0;
        int total = 0;
        for (int y = Math.max(0, minY - 3); y <= Math.min(h - 1, maxY + 3); y++) {
            for (int x = Math.max(0, minX - 3); x <= Math.min(w - 1, maxX + 3); x++) {
                boolean inside = x >= minX && x <= maxX && y >= minY && y <= maxY;
                if (inside || components.labelAt(y * w + x) == component.label()) {
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
