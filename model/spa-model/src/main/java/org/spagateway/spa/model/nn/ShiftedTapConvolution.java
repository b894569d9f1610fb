package org.spagateway.spa.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A stride-1, "same"-padded 2-D convolution with few output channels, computed as one matrix product and a sum of
 * shifted planes instead of by oneDNN's direct convolution: the same linear map (the sums are only reordered, so the
 * outputs agree to float32 rounding), for inference.
 *
 * <p>Why: oneDNN blocks output channels by 16 (AVX-512) or 8 (AVX2). The decoder's head (8 -> 1 channel, 3x3, at the
 * full 128 x 128 resolution over the whole batch of N = 48 samples) falls back to a kernel that used 150-200 ms of a
 * 1-thread round on an AVX-512 EPYC for 0.11 GFLOP (issue 18). Here the input is channels-last, so
 * {@code y = W_taps x} is one wide matrix product over all pixels of the batch ({@code W_taps} is the kh*kw*O x C
 * matrix of the kernel's taps; x is read as a transposed operand, without a copy), with each tap's output plane
 * contiguous; then {@code out[i, j] = bias + sum_t y_t[i + dy_t, j + dx_t]} adds kh*kw shifted windows of those
 * planes. No kernel runs with one output channel, and there is no layout reorder.
 */
final class ShiftedTapConvolution {

    private ShiftedTapConvolution() {
    }

    /**
     * @param x      input, channels-last with a zero border: [B, H + 2 * border, W + 2 * border, C]
     * @param border width of the zero border of {@code x}, at least kh / 2 and kw / 2
     * @param weight kernel [O, C, kh, kw], kh and kw odd (the convolution's padding is kh / 2, kw / 2)
     * @param bias   [O] or {@code null}
     * @return [B, O, H, W]: what {@code Conv2d.conv2d} with stride 1 and padding (kh / 2, kw / 2) computes on the
     *         H x W interior of {@code x} (in NCHW)
     */
    static NDArray apply(NDArray x, int border, NDArray weight, NDArray bias) {
        Shape xs = x.getShape();
        Shape ws = weight.getShape();
        long b = xs.get(0);
        long hb = xs.get(1);
        long wb = xs.get(2);
        long c = xs.get(3);
        long o = ws.get(0);
        int kh = (int) ws.get(2);
        int kw = (int) ws.get(3);
        if (ws.get(1) != c || kh % 2 == 0 || kw % 2 == 0 || border < kh / 2 || border < kw / 2) {
            throw new IllegalArgumentException("kernel " + ws + " does not fit input " + xs + " with border " + border);
        }
        long h = hb - 2L * border;
        long w = wb - 2L * border;
        // [kh * kw * O, C]: row (t * O + out) holds the weights of tap t for output channel out. An operation's
        // result belongs to its first operand's manager: the tap matrix joins x's (per-round) manager, not the
        // model's, so nothing derived from the weights outlives the round.
        NDManager manager = x.getManager();
        NDArray permuted = weight.transpose(2, 3, 0, 1);
        permuted.attach(manager);
        NDArray taps = permuted.reshape((long) kh * kw * o, c);
        NDArray planes = taps.matMul(x.reshape(b * hb * wb, c).transpose()).reshape((long) kh * kw, o, b, hb, wb);
        NDArray first = null;
        NDArray out = null;
        for (int dy = 0; dy < kh; dy++) {
            for (int dx = 0; dx < kw; dx++) {
                long top = border - kh / 2 + dy;
                long left = border - kw / 2 + dx;
                NDArray shifted = planes.get(new NDIndex("{}, :, :, {}:{}, {}:{}", dy * kw + dx, top, top + h, left,
                        left + w));
                if (first == null) {
                    first = shifted;
                } else if (out == null) {
                    out = first.add(shifted);
                } else {
                    out.addi(shifted);
                }
            }
        }
        if (out == null) {
            out = first.duplicate();
        }
        if (bias != null) {
            NDArray perChannel = bias.reshape(o, 1, 1, 1);
            perChannel.attach(manager);
            out.addi(perChannel);
        }
        return o == 1 ? out.reshape(b, 1, h, w) : out.transpose(1, 0, 2, 3);
    }
}
