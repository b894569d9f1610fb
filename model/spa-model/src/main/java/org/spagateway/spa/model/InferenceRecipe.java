package org.spagateway.spa.model;

import ai.djl.ndarray.NDArray;

/**
 * How a round at inference turns the pi-MLP's output into the weights its N latents are drawn from, and how the
 * recommended mask weighs the samples (issue 17's inference-time levers; training is unchanged by it):
 * <ul>
 *   <li>{@code posteriorWeight} w: the weights drawn from are {@code (1 - w) pi_MLP + w pi_input}, where pi_input is
 *       what the pi-MLP took in: the posterior after the last choice (the chosen candidate's estimate), the
 *       clinician's carried profile in round 1, or pi_init on a cold start. The paper feeds the posterior only
 *       through the pi-MLP (w = 0), which re-flattens it every round. The pi-MLP then takes in estimates made under
 *       these weights, not under its own output as in training (the recipe is for inference only).</li>
 *   <li>{@code piSharpness} a: those weights raised to the power a and normalised (a temperature of 1 / a);
 *       1 leaves them as they are.</li>
 *   <li>{@code recommendationSharpness} b: the recommended mask is the mean of the samples, each weighted by
 *       {@code sum_m r_nm pi_m^(b - 1)} (r its responsibilities under the weights it was drawn from), about the
 *       pi^b-weighted mean of the components' decodes, then binarised at 0.5. 1 weighs every sample alike (the
 *       paper's mean of all N); larger values let the dominant components decide while the candidates keep every
 *       sample.</li>
 * </ul>
 */
public record InferenceRecipe(double posteriorWeight, double piSharpness, double recommendationSharpness) {

    /** The paper's rounds: pi as the pi-MLP gives it, the recommended mask as the mean of all N samples. */
    public static final InferenceRecipe PAPER = new InferenceRecipe(0, 1, 1);

    public InferenceRecipe {
        if (!(posteriorWeight >= 0 && posteriorWeight <= 1)) {
            throw new IllegalArgumentException("posterior weight must be in [0, 1], got " + posteriorWeight);
        }
        if (!(piSharpness > 0 && piSharpness <= 16) || !(recommendationSharpness > 0
                && recommendationSharpness <= 16)) {
            throw new IllegalArgumentException("sharpness must be in (0, 16], got " + piSharpness + " and "
                    + recommendationSharpness);
        }
    }

    /** {@code posteriorWeight,piSharpness,recommendationSharpness}, e.g. {@code 0,1,1} (the paper's). */
    public static InferenceRecipe parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a recipe is posteriorWeight,piSharpness,recommendationSharpness, got "
                    + text);
        }
        try {
            return new InferenceRecipe(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                    Double.parseDouble(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a recipe is three numbers, got " + text, e);
        }
    }

    /** Whether the recommended mask weighs the samples unequally (else it is the plain mean). */
    public boolean weighsRecommendation() {
        return recommendationSharpness != 1;
    }

    /**
     * The weights a round draws its latents from.
     *
     * @param mlpPi   [B, M] the pi-MLP's output (rows sum to 1)
     * @param piInput [B, M] what it took in (rows sum to 1)
     */
    public NDArray samplingPi(NDArray mlpPi, NDArray piInput) {
        if (posteriorWeight == 0 && piSharpness == 1) {
            return mlpPi;
        }
        NDArray pi = posteriorWeight == 0 ? mlpPi
                : mlpPi.mul((float) (1 - posteriorWeight)).add(piInput.mul((float) posteriorWeight));
        if (piSharpness != 1) {
            pi = pi.maximum(1e-12f).pow((float) piSharpness);
        }
        return pi.div(pi.sum(new int[] {1}, true));
    }

    /**
     * Each sample's weight in the recommended mask, summing to 1.
     *
     * @param responsibilities [N, M] of the round's samples under {@code pi}
     * @param pi               [M] the weights they were drawn from
     */
    NDArray recommendationWeights(NDArray responsibilities, NDArray pi) {
        NDArray perComponent = pi.maximum(1e-12f).pow((float) (recommendationSharpness - 1));
        NDArray weights = responsibilities.matMul(perComponent.expandDims(1)).squeeze(1);
        return weights.div(weights.sum());
    }

    @Override
    public String toString() {
        return "posterior weight " + posteriorWeight + ", pi sharpness " + piSharpness
                + ", recommendation sharpness " + recommendationSharpness;
    }
}
