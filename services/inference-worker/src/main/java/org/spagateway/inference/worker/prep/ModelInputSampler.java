package org.spagateway.inference.worker.prep;

import java.util.function.UnaryOperator;
import org.spagateway.spa.model.ModelImage;
import org.spagateway.dicom.objects.SourcePixels;

/**
 * Turns a crop window of a source image into the model's input the way training made it: training rendered each
 * crop at twice the model resolution, normalised every pixel ({@code Task#normalise}) and block-averaged 2 x 2
 * ({@code MultiRaterGenerator}). Here each model pixel averages the normalised source at the same 2 x 2 sub-pixel
 * positions, read by bilinear interpolation (edges clamped), so the input keeps the training statistics whatever
 * the source resolution.
 */
public final class ModelInputSampler {

    private static final double[] SUB_PIXELS = {0.25, 0.75};

    private ModelInputSampler() {
    }

    public static ModelImage sample(SourcePixels source, CropWindow window, UnaryOperator<Float> normalise) {
        int size = window.size();
        int channels = source.channels();
        float[] out = new float[channels * size * size];
        for (int c = 0; c < channels; c++) {
            for (int row = 0; row < size; row++) {
                for (int col = 0; col < size; col++) {
                    float sum = 0;
                    for (double dy : SUB_PIXELS) {
                        for (double dx : SUB_PIXELS) {
                            float v = bilinear(source, c, window.sourceX(col + dx), window.sourceY(row + dy));
                            sum += normalise.apply(v);
                        }
                    }
                    out[(c * size + row) * size + col] = sum / 4f;
                }
            }
        }
        return new ModelImage(channels, size, out);
    }

    /** Bilinear interpolation between pixel centres at continuous coordinates (x, y); edges clamped. */
    static float bilinear(SourcePixels source, int channel, double x, double y) {
        double fx = clamp(x - 0.5, source.columns() - 1);
        double fy = clamp(y - 0.5, source.rows() - 1);
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        int x1 = Math.min(x0 + 1, source.columns() - 1);
        int y1 = Math.min(y0 + 1, source.rows() - 1);
        double ax = fx - x0;
        double ay = fy - y0;
        double top = source.value(channel, x0, y0) * (1 - ax) + source.value(channel, x1, y0) * ax;
        double bottom = source.value(channel, x0, y1) * (1 - ax) + source.value(channel, x1, y1) * ax;
        return (float) (top * (1 - ay) + bottom * ay);
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
