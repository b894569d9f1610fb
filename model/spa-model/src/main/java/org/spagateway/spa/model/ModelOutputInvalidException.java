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
        long bad = Tensors.nonFinite(values);
        if (bad > 0) {
            throw new ModelOutputInvalidException("the model's " + what + " hold " + bad + " of " + values.size()
                    + " values that are not finite");
        }
    }
}
