package org.spagateway.spa.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/**
 * How a network computes its 2-D convolutions in training: those whose output channels are not a multiple of
 * {@link #BLOCK} are zero-padded to one, then cut back: the same outputs, the same parameters and, in exact arithmetic, the same gradients as the plain layer.
 *
 * <p>Why: oneDNN 3.7.1, the convolution library inside PyTorch 2.7.1's CPU build, returns a wrong gradient with
 * respect to the input (its backward-data pass, sometimes NaN) when a convolution's output channels are not a
 * multiple of the kernel's SIMD block: 8 with its AVX2 kernels ({@code jit:avx2}), 16 with its AVX-512 kernels
 * ({@code jit:avx512_core}). Forward values and weight gradients are right, so inference is unaffected; training is
 * not: the decoder's last two layers (8 -> 1 and 16 -> 8 channels) passed wrong gradients to everything before
 * them, which made the smoke training diverge on AVX-512 CPUs (MODEL.md, "Training on x86-64 CPUs"). PyTorch takes
 * this path for batches larger than one; the pre-AVX2 kernels (AVX, SSE4.1) and float64 are correct.
 *
 * <p>Padding costs up to 16 times the layer's work (the decoder head: about 0.6 s more per training step on 2 cores),
 * so it is one switch per network, on by default: {@code training.GradientCheck} measures the plain layers before
 * each training run and {@code SpaTrainer} turns padding off where they are right (CPUs without the defect, or
 * {@code ONEDNN_MAX_CPU_ISA=AVX}), and refuses to train if neither form is.
 */
final class TrainingConvolution {

    /** Output-channel multiple that every x86-64 kernel of oneDNN 3.7.1 handles without a partial block. */
    static final int BLOCK = 16;

    private volatile boolean padding = true;

    /** Whether narrow convolutions are padded in training (the default; {@code SpaTrainer} may turn it off). */
    boolean padding() {
        return padding;
    }

    void setPadding(boolean padding) {
        this.padding = padding;
    }

    /** {@code conv(x)}: padded when training, padding is on and the output channels are not a multiple of 16. */
    NDArray apply(Conv2d conv, ParameterStore ps, NDArray x, boolean training) {
        if (training && padding && conv.getFilters() % BLOCK != 0) {
            return padded(conv, ps, x);
        }
        return Layers.apply(conv, ps, x, training);
    }

    /** {@code conv(x)} computed with the output channels padded to a multiple of {@link #BLOCK}. */
    static NDArray padded(Conv2d conv, ParameterStore ps, NDArray x) {
        int filters = conv.getFilters();
        int padded = (filters / BLOCK + 1) * BLOCK;
        NDArray weight = ps.getValue(conv.getParameters().get("weight"), x.getDevice(), true);
        NDManager manager = x.getManager();
        Shape extraWeights = new Shape(padded - filters).addAll(weight.getShape().slice(1));
        NDArray paddedWeight = weight.concat(manager.zeros(extraWeights, weight.getDataType()), 0);
        NDArray paddedBias = null;
        if (conv.isIncludeBias()) {
            NDArray bias = ps.getValue(conv.getParameters().get("bias"), x.getDevice(), true);
            paddedBias = bias.concat(manager.zeros(new Shape(padded - filters), bias.getDataType()), 0);
        }
        NDArray out = Conv2d.conv2d(x, paddedWeight, paddedBias, conv.getStride(), conv.getPadding(),
                conv.getDilation(), conv.getGroups()).singletonOrThrow();
        return out.get(":, 0:" + filters);
    }
}
