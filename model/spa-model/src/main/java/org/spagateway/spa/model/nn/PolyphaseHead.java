package org.spagateway.spa.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.spagateway.spa.model.Tensors;

/**
 * The decoder's last stage at inference, {@code head(relu(up2(a) + s))}: a 3x3, C -> 1 channel, "same"-padded
 * convolution over the nearest-2x-upsampled per-sample map {@code a} [B*N, C, H, W] plus the per-image skip
 * projection {@code s} [B, C, 2H, 2W]. It is computed in polyphase form, at the low resolution, without ever
 * building the upsampled map: the same linear map on the same inputs (the sums are only reordered, so the logits
 * agree to float32 rounding).
 *
 * <p>Full-resolution pixel (2i + py, 2j + px) belongs to phase P = (py, px). Its head input is
 * {@code relu(a[i, j] + s_P[i, j])}, where {@code s_P} is phase P of the skip projection, so the four phase maps
 * {@code X_P = relu(a + s_P)} are one broadcast addition over [B*N, 4, C, H, W] with long contiguous inner loops.
 * A 3x3 tap (dy, dx) of output phase P reads input phase ((py + dy) mod 2, (px + dx) mod 2) at low-resolution
 * offset (floor((py + dy) / 2), floor((px + dx) / 2)); each output phase thus reads 2 x 2 offsets, and each
 * offset a fixed set of (input phase, channel) pairs. So {@code planes = R X}, with R the 16 x 4C matrix
 * holding, for each (output phase, offset), the head's weight of each (input phase, channel), is one matrix
 * product over all pixels of the batch, and output phase P is the sum of its four planes shifted by their offsets,
 * plus the bias. The full-resolution zero padding is a border of one low-resolution pixel: the per-sample map is
 * computed one pixel larger on every side (its convolution padded by 2), and the skip phases carry -infinity there,
 * so relu makes the border exactly 0.
 *
 * <p>Why (issue 18): the plain layer, an 8 -> 1 channel convolution at 128 x 128 over the batch, is a pathological
 * case for oneDNN's kernels (150-200 ms per round); its earlier replacement still built the upsampled 128 x 128 map
 * channels-last, added the skip and applied relu in three full-resolution passes before its matrix product.
 */
final class PolyphaseHead {

    /** Border of the low-resolution maps, in pixels: the taps reach one low-resolution pixel beyond the image. */
    static final int BORDER = 1;
    private static final int PHASES = 4;
    private static final int OFFSETS = 4;

    private PolyphaseHead() {
    }

    /**
     * Per image, once: the skip projection s [B, C, 2H, 2W] as its four phases, each with a border of
     * {@link #BORDER} pixels of -infinity: [B, 1, 4, C, H + 2, W + 2] (phase index 2 py + px).
     */
    static NDArray skipPhases(NDArray skip) {
        Shape ss = skip.getShape();
        long b = ss.get(0);
        long c = ss.get(1);
        long h = ss.get(2) / 2;
        long w = ss.get(3) / 2;
        return skip.reshape(b, c, h, 2, w, 2).transpose(0, 3, 5, 1, 2, 4).reshape(b, PHASES, c, h, w)
                .pad(new Shape(BORDER, BORDER, BORDER, BORDER), Double.NEGATIVE_INFINITY)
                .reshape(b, 1, PHASES, c, h + 2L * BORDER, w + 2L * BORDER);
    }

    /**
     * @param a          per-sample map with a border: [B*N, C, H + 2, W + 2] (the convolution before the head,
     *                   padded by 2); the border's values must be finite and do not change the result
     * @param skipPhases {@link #skipPhases} of the image's skip projection
     * @param weight     the head's kernel [1, C, 3, 3]
     * @param bias       the head's bias [1]
     * @return logits [B*N, 1, 2H, 2W], row-major
     */
    static NDArray apply(NDArray a, NDArray skipPhases, NDArray weight, NDArray bias) {
        Shape as = a.getShape();
        Shape ws = weight.getShape();
        long bn = as.get(0);
        long c = as.get(1);
        long hb = as.get(2);
        long wb = as.get(3);
        long b = skipPhases.getShape().get(0);
        long n = bn / b;
        if (ws.get(0) != 1 || ws.get(1) != c || ws.get(2) != 3 || ws.get(3) != 3
                || !skipPhases.getShape().equals(new Shape(b, 1, PHASES, c, hb, wb))) {
            throw new IllegalArgumentException("head " + ws + " and skip phases " + skipPhases.getShape()
                    + " do not fit the map " + as);
        }
        long h = hb - 2L * BORDER;
        long w = wb - 2L * BORDER;
        NDManager manager = a.getManager();
        NDArray inputs = Activation.relu(a.reshape(b, n, 1, c, hb, wb).add(skipPhases))
                .reshape(bn, PHASES * c, hb * wb);
        NDArray mixing = Tensors.create(manager, mixing(weight.toFloatArray(), (int) c),
                new Shape(PHASES * OFFSETS, PHASES * c));
        NDArray planes = mixing.matMul(inputs).reshape(bn, PHASES * OFFSETS, hb, wb);
        float shift = bias.toFloatArray()[0];
        NDList outputs = new NDList(PHASES);
        for (int py = 0; py < 2; py++) {
            for (int px = 0; px < 2; px++) {
                int phase = 2 * py + px;
                NDArray sum = null;
                for (int oy = 0; oy < 2; oy++) {
                    for (int ox = 0; ox < 2; ox++) {
                        // Low-resolution offset (py - 1 + oy, px - 1 + ox) from the border's corner.
                        long top = py + oy;
                        long left = px + ox;
                        NDArray plane = planes.get(new NDIndex(":, {}, {}:{}, {}:{}", phase * OFFSETS + 2 * oy + ox,
                                top, top + h, left, left + w));
                        sum = sum == null ? plane.add(shift) : sum.addi(plane);
                    }
                }
                outputs.add(sum);
            }
        }
        // [B*N, H, (py, px), W] -> [B*N, H, py, W, px]: row 2i + py, column 2j + px.
        NDArray stacked = NDArrays.stack(outputs, 2).reshape(bn, h, 2, 2, w);
        return stacked.transpose(0, 1, 2, 4, 3).reshape(bn, 1, 2 * h, 2 * w);
    }

    /**
     * R [16, 4C]: row 4 P + 2 oy + ox (output phase P = 2 py + px, offset index oy, ox in {0, 1}, meaning the
     * low-resolution offset (py - 1 + oy, px - 1 + ox)), column Q C + channel (input phase Q); each entry one weight
     * of the 3x3 kernel [1, C, 3, 3] (row-major), or 0.
     */
    static float[] mixing(float[] kernel, int channels) {
        float[] r = new float[PHASES * OFFSETS * PHASES * channels];
        int columns = PHASES * channels;
        for (int py = 0; py < 2; py++) {
            for (int px = 0; px < 2; px++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int qy = Math.floorMod(py + dy, 2);
                        int qx = Math.floorMod(px + dx, 2);
                        int oy = Math.floorDiv(py + dy, 2) - py + 1;
                        int ox = Math.floorDiv(px + dx, 2) - px + 1;
                        int row = (2 * py + px) * OFFSETS + 2 * oy + ox;
                        for (int ch = 0; ch < channels; ch++) {
                            r[row * columns + (2 * qy + qx) * channels + ch] = kernel[(ch * 3 + dy + 1) * 3 + dx + 1];
                        }
                    }
                }
            }
        }
        return r;
    }
}
