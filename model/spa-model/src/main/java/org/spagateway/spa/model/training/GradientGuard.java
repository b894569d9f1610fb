package org.spagateway.spa.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Locale;

/**
 * Runs between the backward pass and the optimiser step: stops training on a gradient that is not finite (naming the
 * parameter) and scales all gradients down together when their global L2 norm exceeds the maximum (gradient-norm
 * clipping), so one bad batch cannot throw the weights far away.
 */
final class GradientGuard {

    /** The global gradient norm of a step, before clipping, and whether it was clipped. */
    record Outcome(double norm, boolean clipped) {
    }

    private final List<Pair<String, Parameter>> parameters;
    private final double maxNorm;

    GradientGuard(Block network, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("the maximum gradient norm must be positive and finite");
        }
        this.parameters = network.getParameters().stream().toList();
        this.maxNorm = maxNorm;
    }

    /** @throws TrainingDivergedException if a parameter's gradient holds NaN or an infinity */
    Outcome check(TrainingStep where) {
        double sum = 0;
        for (Pair<String, Parameter> parameter : parameters) {
            double squares;
            try (NDArray gradient = parameter.getValue().getArray().getGradient()) {
                squares = gradient.square().sum().getFloat();
            }
            if (!Double.isFinite(squares)) {
                throw new TrainingDivergedException(where, "the gradient of " + parameter.getKey(),
                        "is not finite (" + squares + ")");
            }
            sum += squares;
        }
        double norm = Math.sqrt(sum);
        if (norm <= maxNorm) {
            return new Outcome(norm, false);
        }
        float scale = (float) (maxNorm / norm);
        for (Pair<String, Parameter> parameter : parameters) {
            try (NDArray gradient = parameter.getValue().getArray().getGradient()) {
                gradient.muli(scale);
            }
        }
        return new Outcome(norm, true);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "gradient norm clipped at %.3g", maxNorm);
    }
}
