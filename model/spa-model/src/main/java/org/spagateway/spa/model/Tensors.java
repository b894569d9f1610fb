package org.spagateway.spa.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Creates arrays whose memory PyTorch owns. {@code NDManager.create(float[])} on the PyTorch engine wraps a direct
 * buffer with {@code from_blob} (no copy); the buffer is kept alive only by that one Java object, not by views or
 * autograd nodes derived from it. A clone is torch-owned, so nothing derived from it can outlive its memory.
 *
 * <p>The same hazard makes {@code NDArray.mul(Number)}, {@code div(Number)}, {@code pow(Number)},
 * {@code maximum(Number)} and {@code minimum(Number)} unsafe under autograd: DJL creates the scalar with
 * {@code from_blob}, closes it right after the call, and autograd keeps the tensor for the backward pass; once the
 * garbage collector frees the buffer, backward reads whatever is there (seen here: training that diverged at random
 * steps). Use {@link #mul(NDArray, float)} on any path that is differentiated.
 */
public final class Tensors {

    private Tensors() {
    }

    public static NDArray create(NDManager manager, float[] data, Shape shape) {
        try (NDArray blob = manager.create(data, shape)) {
            return blob.duplicate();
        }
    }

    public static NDArray create(NDManager manager, float[] data) {
        return create(manager, data, new Shape(data.length));
    }

    public static NDArray create(NDManager manager, long[] data) {
        try (NDArray blob = manager.create(data)) {
            return blob.duplicate();
        }
    }

    /**
     * How many values of {@code x} are NaN or infinite. One sum in the common case: a finite sum means every value
     * is finite (a NaN or an infinity makes the sum NaN or infinite); only a sum that is not finite, which finite
     * values can also give by overflowing, is followed by the element-wise count.
     */
    static long nonFinite(NDArray x) {
        try (NDArray total = x.sum(); NDArray wide = total.toType(DataType.FLOAT64, true)) {
            if (Double.isFinite(wide.getDouble())) {
                return 0;
            }
        }
        try (NDArray nan = x.isNaN(); NDArray infinite = x.isInfinite(); NDArray invalid = nan.logicalOr(infinite);
             NDArray count = invalid.sum(); NDArray whole = count.toType(DataType.INT64, true)) {
            return whole.getLong();
        }
    }

    /** {@code x * value} with a torch-owned scalar (safe under autograd). */
    public static NDArray mul(NDArray x, float value) {
        try (NDArray scalar = create(x.getManager(), new float[] {value}, new Shape())) {
            return x.mul(scalar);
        }
    }
}
