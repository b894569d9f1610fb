package org.spagateway.spa.model;

/**
 * Shape of an SPA network and the per-round constants. Stored beside the weights; a network can only load
 * weights saved under the same configuration.
 *
 * @param inputChannels    image channels (3 fundus RGB, 1 CT)
 * @param imageSize        square model input and output size in pixels (the embedding grid is imageSize / 8)
 * @param embedChannels    channels of the image embedding e_x (also the prompt token width)
 * @param latentDim        dimension of z
 * @param components       M, Gaussian components of the preference mixture p_theta(z)
 * @param samples          N, decoder samples per round at inference
 * @param clusters         K, representative candidates per round
 * @param feedbackTopK     the fed-back point is drawn among this many pixels where the chosen cluster differs most
 * @param clusterGrid      K-means runs on the probability maps average-pooled to clusterGrid x clusterGrid
 * @param ancestralSampling false (default): the paper code's z = sum_m pi_m (mu_m + sigma_m eps); true: draw a
 *                          component m ~ Cat(pi) per sample, z = mu_m + sigma_m eps
 * @param latentPiEstimate false (default, the paper code): the EM estimate of pi that a candidate feeds back is
 *                         computed on its mean probability map, each pixel value a 1-D observation; true: on the
 *                         latents z_n of the samples the candidate represents (the E-step of the mixture itself,
 *                         MODEL.md deviation 20). Absent from configurations saved before it existed (false).
 */
public record SpaConfig(int inputChannels, int imageSize, int embedChannels, int latentDim, int components,
                        int samples, int clusters, int feedbackTopK, int clusterGrid, boolean ancestralSampling,
                        boolean latentPiEstimate) {

    /** Downsampling factor of the image encoder. */
    public static final int STRIDE = 8;

    public SpaConfig {
        if (imageSize % (STRIDE * 2) != 0 || imageSize % clusterGrid != 0) {
            throw new IllegalArgumentException("imageSize must be a multiple of 16 and of clusterGrid");
        }
        if (inputChannels < 1 || embedChannels < 8 || latentDim < 1 || components < 1 || samples < clusters
                || clusters < 1 || feedbackTopK < 1) {
            throw new IllegalArgumentException("invalid SPA configuration");
        }
    }

    /** The project's defaults: 128x128, 64-channel embedding, latent 32, M=16, N=48, K=4, top-20, K-means at 64x64. */
    public static SpaConfig defaults(int inputChannels) {
        return new SpaConfig(inputChannels, 128, 64, 32, 16, 48, 4, 20, 64, false, false);
    }

    public int embedGrid() {
        return imageSize / STRIDE;
    }

    public SpaConfig withSamples(int n) {
        return new SpaConfig(inputChannels, imageSize, embedChannels, latentDim, components, n, clusters,
                feedbackTopK, clusterGrid, ancestralSampling, latentPiEstimate);
    }

    /** The same shape with the given preference-mixture semantics (how z is drawn, what pi is estimated from). */
    public SpaConfig withMixture(boolean ancestral, boolean latentEstimate) {
        return new SpaConfig(inputChannels, imageSize, embedChannels, latentDim, components, samples, clusters,
                feedbackTopK, clusterGrid, ancestral, latentEstimate);
    }
}
