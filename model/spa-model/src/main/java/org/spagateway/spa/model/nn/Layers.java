package org.spagateway.spa.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import org.spagateway.spa.model.Tensors;

/** Builders and small tensor helpers shared by the SPA blocks. */
final class Layers {

    private Layers() {
    }

    /** He (Kaiming) normal initialisation for layers followed by ReLU. */
    static final XavierInitializer HE = new XavierInitializer(
            XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2f);

    static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .build();
    }

    static Conv1d conv1d(int filters, int kernel) {
        return Conv1d.builder().setFilters(filters).setKernelShape(new Shape(kernel)).optPadding(new Shape(kernel / 2))
                .build();
    }

    static Linear linear(int units, boolean bias) {
        return Linear.builder().setUnits(units).optBias(bias).build();
    }

    static NDArray apply(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** Nearest-neighbour 2x upsampling of NCHW by broadcasting (no Conv2dTranspose: not in the PyTorch engine). */
    static NDArray upsample2(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, c, h, 1, w, 1).broadcast(n, c, h, 2, w, 2).reshape(n, c, h * 2, w * 2);
    }

    /**
     * {@code addPerImage(upsample2(perSample), perImage, n)} without the fully upsampled copy: per-sample features
     * [B*N, C, H, W] and per-image features [B, C, 2H, 2W] give [B*N, C, 2H, 2W], each element the same single
     * addition. Only the columns are doubled, by a matrix product with a 0/1 matrix (each value times 1 plus zeros:
     * exact for finite values), so the addition broadcasts whole rows of 2W values instead of pairs.
     */
    static NDArray upsampleAdd(NDArray perSample, NDArray perImage, long samplesPerImage) {
        Shape s = perSample.getShape();
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        long b = perImage.getShape().get(0);
        NDArray widened = perSample.reshape(s.get(0) * c * h, w).matMul(columnDoubling(perSample.getManager(), w));
        return widened.reshape(b, samplesPerImage, c, h, 1, 2 * w).add(perImage.reshape(b, 1, c, h, 2, 2 * w))
                .reshape(s.get(0), c, h * 2, w * 2);
    }

    /** [W, 2W] with a 1 at (j, 2j) and (j, 2j + 1): a row times it repeats each value twice. */
    static NDArray columnDoubling(NDManager manager, long width) {
        int w = Math.toIntExact(width);
        float[] doubling = new float[w * 2 * w];
        for (int j = 0; j < w; j++) {
            doubling[j * 2 * w + 2 * j] = 1f;
            doubling[j * 2 * w + 2 * j + 1] = 1f;
        }
        return Tensors.create(manager, doubling, new Shape(w, 2L * w));
    }

    /** Adds per-image features [B, C, H, W] to per-sample features [B*N, C, H, W]. */
    static NDArray addPerImage(NDArray perSample, NDArray perImage, long samplesPerImage) {
        Shape s = perSample.getShape();
        long b = perImage.getShape().get(0);
        NDArray grouped = perSample.reshape(b, samplesPerImage, s.get(1), s.get(2), s.get(3));
        return grouped.add(perImage.expandDims(1)).reshape(s);
    }
}
