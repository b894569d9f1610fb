package org.spagateway.spa.model;

import ai.djl.ndarray.NDArray;

/**
 * Estimates of the mixture weights pi that a candidate (or a whole round) feeds back.
 *
 * <p>{@link #piHat}: the paper code's EM-style estimate of the mixture weights from a map (compute_weights): every pixel value x_i
 * of the map is a 1-D observation; r_im = pi_m N(x_i; mu_m, sigma2_m) / sum_m' (...), pi-hat_m = mean_i r_im.
 * Computed in log space (a max-shifted log-sum-exp), which also covers the code's zero-normaliser guard.
 *
 * <p>{@link #latentResponsibilities}: the E-step on the latents themselves, r_nm = pi_m N(z_n; mu_m 1, sigma2_m I) /
 * sum_m' (...), so a candidate's estimate is the mean responsibility over the samples it represents (MODEL.md
 * deviation 20: with the learned mu, sigma2 spread over tens of latent units, pixel values in [0, 1] give every
 * candidate the same estimate).
 */
public final class EmEstimate {

    private EmEstimate() {
    }

    /**
     * @param maps   [K, P] maps with values in [0, 1] (a candidate's mean probability map, or a binary mask)
     * @param pi     [M] current weights
     * @param mu     [M] component means
     * @param sigma2 [M] component variances
     * @return [K, M], rows summing to 1
     */
    public static NDArray piHat(NDArray maps, NDArray pi, NDArray mu, NDArray sigma2) {
        NDArray x = maps.expandDims(2);
        NDArray variance = sigma2.maximum(1e-6f).reshape(1, 1, -1);
        NDArray logGaussian = x.sub(mu.reshape(1, 1, -1)).square().div(variance.mul(-2f))
                .sub(variance.mul((float) (2 * Math.PI)).log().mul(0.5f));
        NDArray logJoint = logGaussian.add(pi.maximum(1e-12f).log().reshape(1, 1, -1));
        NDArray max = logJoint.max(new int[] {2}, true);
        NDArray responsibilities = logJoint.sub(max).exp();
        responsibilities = responsibilities.div(responsibilities.sum(new int[] {2}, true));
        return responsibilities.mean(new int[] {1});
    }

    /**
     * @param z      [N, L] the latents of a round's samples
     * @param pi     [M] the weights they were drawn with
     * @param mu     [M] component means (scalars broadcast over the L latent dimensions)
     * @param sigma2 [M] component variances
     * @return [N, M] responsibilities, rows summing to 1
     */
    public static NDArray latentResponsibilities(NDArray z, NDArray pi, NDArray mu, NDArray sigma2) {
        long latent = z.getShape().get(1);
        NDArray variance = sigma2.maximum(1e-6f).reshape(1, -1);
        NDArray squared = z.expandDims(2).sub(mu.reshape(1, 1, -1)).square().sum(new int[] {1});
        NDArray logJoint = squared.div(variance.mul(-2f))
                .sub(variance.mul((float) (2 * Math.PI)).log().mul(0.5f * latent))
                .add(pi.maximum(1e-12f).log().reshape(1, -1));
        NDArray max = logJoint.max(new int[] {1}, true);
        NDArray responsibilities = logJoint.sub(max).exp();
        return responsibilities.div(responsibilities.sum(new int[] {1}, true));
    }

    /**
     * The estimate for a round as a whole (what approving its recommended mask feeds the profile): the mean
     * responsibility over all N latents, or, without latent estimates, {@link #piHat} on the mean probability map.
     *
     * @param meanMap [P] the mean of the round's N probability maps
     * @param z       [N, L] the round's latents
     * @return [M]
     */
    public static NDArray ofRound(NDArray meanMap, NDArray z, NDArray pi, NDArray mu, NDArray sigma2,
                                  boolean fromLatents) {
        return ofRound(meanMap, fromLatents ? latentResponsibilities(z, pi, mu, sigma2) : null, pi, mu, sigma2);
    }

    /**
     * {@link #ofRound(NDArray, NDArray, NDArray, NDArray, NDArray, boolean)} from the latents' responsibilities
     * [N, M] already computed, or {@code null} for the estimate on the mean map.
     */
    static NDArray ofRound(NDArray meanMap, NDArray responsibilities, NDArray pi, NDArray mu, NDArray sigma2) {
        return responsibilities != null
                ? responsibilities.mean(new int[] {0})
                : piHat(meanMap.expandDims(0), pi, mu, sigma2).get(0);
    }
}
