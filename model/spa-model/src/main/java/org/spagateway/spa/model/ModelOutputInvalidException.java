package org.spagateway.spa.model;

import ai.djl.ndarray.NDArray;

/**
 * The network's output for a round holds NaN or infinite values, so no candidates can be derived from it. Permanent
 * for that input and those weights: retrying gives the same numbers. The worker dead-letters the request with
 * {@code MODEL_OUTPUT_INVALID}.
 */
public final class ModelOutputInvalidException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ModelOutputInvalidException(String message) {
        super(message);
    }

    /** @throws ModelOutputInvalidException if {@code values} holds NaN or an infinity, naming {@code what} */
    static void requireFinite(NDArray values, String what) {
        // One pass: a finite sum means every value is finite (NaN or an infinity makes the sum NaN or infinite).
        // Only an infinite or NaN sum is looked at closely, since finite values can also overflow the sum.
        try (NDArray total = values.sum()) {
            if (Float.isFinite(total.getFloat())) {
                return;
            }
        }
        try (NDArray nan = values.isNaN(); NDArray infinite = values.isInfinite();
             NDArray invalid = nan.logicalOr(infinite); NDArray count = invalid.sum()) {
            long bad = count.toType(ai.djl.ndarray.types.DataType.INT64, false).getLong();
            if (bad > 0) {
                throw new ModelOutputInvalidException("the model's " + what + " hold " + bad + " of " + values.size()
                        + " values that are not finite");
            }
        }
    }
}
