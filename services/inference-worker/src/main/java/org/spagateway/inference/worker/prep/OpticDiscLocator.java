package org.spagateway.inference.worker.prep;

import java.util.Arrays;
import org.spagateway.spa.model.data.ImageOps;
import org.spagateway.dicom.objects.SourcePixels;
import org.spagateway.dicom.objects.SourceImageException;

/**
 * Finds the optic disc on a colour fundus photograph as the brightest smoothed region, and returns the crop the
 * optic-cup model was trained on: centred on the disc, {@value #DISC_DIAMETERS} disc diameters wide
 * ({@code Task.FUNDUS_CROP_DISC_DIAMETERS}, REFUGE-style crops).
 *
 * <p>Heuristic: luminance (mean of R, G, B) smoothed with a Gaussian of 1.5% of the image width; the peak within
 * the central part of the field is the disc; the disc is every pixel within 15% of the width of the peak whose
 * lightly smoothed luminance exceeds a quarter of the way from the illuminated field's median to the peak, closed
 * morphologically so vessels crossing the disc do not count as holes; its centroid is the centre and the radius
 * of a circle of the same area is the disc radius. Good enough for the synthetic phantoms (checked against their
 * ground truth in the tests); real photographs need a detector or the clinician's click.
 */
public final class OpticDiscLocator implements StructureLocator {

    static final double DISC_DIAMETERS = 1.5;
    private static final double PEAK_SEARCH_RADIUS = 0.35;
    private static final double DISC_SEARCH_RADIUS = 0.15;
    private static final float FIELD_LEVEL = 0.04f;
    private static final float LEVEL_FRACTION = 0.25f;

    @Override
    public Localisation locate(SourcePixels image, int modelSize) throws SourceImageException {
        int w = image.columns();
        int h = image.rows();
        float[] luminance = luminance(image);
        float median = fieldMedian(luminance);
        float[] smooth = ImageOps.gaussianBlur(luminance, w, h, 0.015 * w);
        int peak = argmaxWithin(smooth, w, h, w / 2.0, h / 2.0, PEAK_SEARCH_RADIUS * w);
        float[] light = ImageOps.gaussianBlur(luminance, w, h, Math.max(1.0, 0.004 * w));
        double px = peak % w + 0.5;
        double py = peak / w + 0.5;
        float top = light[argmaxWithin(light, w, h, px, py, 0.02 * w)];
        float level = median + LEVEL_FRACTION * (top - median);
        boolean[] disc = new boolean[w * h];
        double reach = DISC_SEARCH_RADIUS * w;
        for (int i = 0; i < disc.length; i++) {
            disc[i] = light[i] >= level && Math.hypot(i % w + 0.5 - px, i / w + 0.5 - py) <= reach;
        }
        double closing = Math.max(1.5, 0.008 * w);
        disc = ImageOps.morph(ImageOps.morph(disc, w, h, closing), w, h, -closing);
        double sumX = 0;
        double sumY = 0;
        int area = 0;
        for (int i = 0; i < disc.length; i++) {
            if (disc[i] && Math.hypot(i % w + 0.5 - px, i / w + 0.5 - py) <= reach) {
                sumX += i % w + 0.5;
                sumY += i / w + 0.5;
                area++;
            }
        }
        if (area < 16 || top - median < 0.05f) {
            throw new SourceImageException("no optic disc found: no region clearly brighter than the fundus");
        }
        double radius = Math.sqrt(area / Math.PI);
        return new Localisation(new CropWindow(sumX / area, sumY / area, DISC_DIAMETERS * 2 * radius, modelSize),
                area);
    }

    private static float[] luminance(SourcePixels image) {
        int n = image.columns() * image.rows();
        float[] out = new float[n];
        for (int c = 0; c < image.channels(); c++) {
            for (int i = 0; i < n; i++) {
                out[i] += image.values()[c * n + i] / image.channels();
            }
        }
        return out;
    }

    /** Median luminance of the illuminated field (the black surround outside the field stop excluded). */
    private static float fieldMedian(float[] luminance) {
        float[] field = new float[luminance.length];
        int n = 0;
        for (float v : luminance) {
            if (v > FIELD_LEVEL) {
                field[n++] = v;
            }
        }
        if (n == 0) {
            return 0;
        }
        float[] values = Arrays.copyOf(field, n);
        Arrays.sort(values);
        return values[n / 2];
    }

    private static int argmaxWithin(float[] plane, int w, int h, double cx, double cy, double radius) {
        int best = -1;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < plane.length; i++) {
            if (plane[i] > bestValue && Math.hypot(i % w + 0.5 - cx, i / w + 0.5 - cy) <= radius) {
                bestValue = plane[i];
                best = i;
            }
        }
        return best < 0 ? (h / 2) * w + w / 2 : best;
    }
}
