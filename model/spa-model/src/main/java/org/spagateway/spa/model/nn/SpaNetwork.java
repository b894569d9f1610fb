package org.spagateway.spa.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.spagateway.spa.model.InferenceRecipe;
import org.spagateway.spa.model.SpaConfig;

/**
 * The whole SPA network for one round: image encoder (once per image), prompt encoder, mean/variance network,
 * pi-MLP, z sampling from the preference mixture, Fcomb fusion and the mask decoder for all N samples in one batch.
 *
 * <p>Inputs (B images, P points, N samples):
 * <ol>
 *   <li>image [B, C, S, S], normalised;</li>
 *   <li>points [B, P, 2], (x, y) in [0, 1];</li>
 *   <li>labels [B, P, 3], one-hot (positive, negative, padding); the caller appends SAM's padding point;</li>
 *   <li>pi-hat [B, M], the EM estimate of pi fed to the pi-MLP (pi_init or the clinician's prior in round 1);</li>
 *   <li>eps [B, N, L], standard normal noise;</li>
 *   <li>u [B, N], uniform noise (used only by ancestral sampling).</li>
 * </ol>
 * Outputs: logits [B, N, S, S], mu [B, M], sigma2 [B, M], pi [B, M], z [B, N, L] (the latents drawn).
 */
public final class SpaNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SpaConfig config;
    private final TrainingConvolution convolutions = new TrainingConvolution();
    private final ImageEncoder encoder;
    private final PromptEncoder prompt;
    private final MeanVarianceNet meanVariance;
    private final PreferenceWeightsNet preferenceWeights;
    private final LatentFusion fusion;
    private final MaskDecoder decoder;

    public SpaNetwork(SpaConfig config) {
        super(VERSION);
        this.config = config;
        encoder = addChildBlock("encoder", new ImageEncoder(config.embedChannels(), convolutions));
        prompt = addChildBlock("prompt", new PromptEncoder(config.embedChannels()));
        meanVariance = addChildBlock("meanVariance", new MeanVarianceNet(config.embedChannels(), config.components()));
        preferenceWeights = addChildBlock("preferenceWeights", new PreferenceWeightsNet(config.components()));
        fusion = addChildBlock("fusion", new LatentFusion(config.embedChannels(), config.latentDim(), convolutions));
        decoder = addChildBlock("decoder", new MaskDecoder(config.embedChannels(), convolutions));
        setInitializer(Layers.HE, Parameter.Type.WEIGHT);
    }

    public SpaConfig config() {
        return config;
    }

    /** The input shapes of one image with one click and one sample: what {@code initialize} needs. */
    public static Shape[] inputShapes(SpaConfig config) {
        int m = config.components();
        return new Shape[] {new Shape(1, config.inputChannels(), config.imageSize(), config.imageSize()),
            new Shape(1, 2, 2), new Shape(1, 2, 3), new Shape(1, m), new Shape(1, 1, config.latentDim()),
            new Shape(1, 1)};
    }

    /**
     * Whether convolutions whose output channels are not a multiple of 16 run zero-padded in training (default on):
     * oneDNN 3.7.1 computes their input gradients wrongly on AVX2 and AVX-512 CPUs ({@link TrainingConvolution}).
     * {@code SpaTrainer} turns it off where a gradient check shows the plain layers right. Inference never pads.
     */
    public void padNarrowConvolutionsInTraining(boolean pad) {
        convolutions.setPadding(pad);
    }

    public boolean padsNarrowConvolutionsInTraining() {
        return convolutions.padding();
    }

    /** The pi-MLP, for its own loss in training. */
    public PreferenceWeightsNet preferenceWeights() {
        return preferenceWeights;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray image = inputs.get(0);
        NDArray points = inputs.get(1);
        NDArray labels = inputs.get(2);
        NDArray piHat = inputs.get(3);
        NDArray eps = inputs.get(4);
        NDArray uniform = inputs.get(5);
        long b = image.getShape().get(0);
        long n = eps.getShape().get(1);
        int s = config.imageSize();

        NDList features = encoder.forward(ps, new NDList(image), training);
        NDArray tokens = prompt.forward(ps, new NDList(points, labels), training).singletonOrThrow();
        NDList theta = meanVariance.forward(ps, new NDList(tokens), training);
        NDArray mu = theta.get(0);
        NDArray sigma2 = theta.get(1);
        NDArray pi = preferenceWeights.forward(ps, new NDList(piHat), training).singletonOrThrow();
        NDArray z = sampleLatent(pi, mu, sigma2, eps, uniform);
        NDArray fused = fusion.forward(ps, new NDList(features.get(0), z), training).singletonOrThrow();
        NDArray pe = prompt.densePositional(image.getManager(), config.embedGrid());
        NDArray logits = decoder.forward(ps,
                new NDList(fused, tokens, pe, features.get(1), features.get(2), features.get(3)), training)
                .singletonOrThrow();
        return new NDList(logits.reshape(b, n, s, s), mu, sigma2, pi, z);
    }

    /**
     * The per-image part of a round at inference, computed once per image and reused by every round on it (the
     * paper runs its image encoder once per image): [Fcomb's image term W_e e_x + b, channels-last [B, 1, G*G, E],
     * the decoder's skip projections at 1/4, 1/2 and full resolution (the last as the phases the decoder's inference
     * head reads), the dense positional encoding [G*G, E]]. Their arrays belong to {@code image}'s manager.
     */
    public NDList embedImage(ParameterStore ps, NDArray image) {
        NDList features = encoder.forward(ps, new NDList(image), false);
        NDArray imageTerm = fusion.imageTermChannelsLast(ps, features.get(0));
        NDList skips = decoder.inferenceSkipFeatures(ps, features.get(1), features.get(2), features.get(3));
        NDArray pe = prompt.densePositional(image.getManager(), config.embedGrid());
        return new NDList(imageTerm, skips.get(0), skips.get(1), skips.get(2), pe);
    }

    /**
     * The prompt stage at inference: tokens [B, P, E], mu, sigma2, pi [B, M] and the latents z [B, N, L] drawn
     * from the preference mixture (inputs 1-5 of {@link #forwardInternal}: points, labels, pi-hat, eps, u).
     */
    public NDList preferences(ParameterStore ps, NDArray points, NDArray labels, NDArray piHat, NDArray eps,
                              NDArray uniform) {
        return preferences(ps, points, labels, piHat, eps, uniform, InferenceRecipe.PAPER);
    }

    /**
     * {@link #preferences(ParameterStore, NDArray, NDArray, NDArray, NDArray, NDArray)} with the latents drawn from
     * {@link InferenceRecipe#samplingPi} of the pi-MLP's output (the pi returned is the one they were drawn from).
     */
    public NDList preferences(ParameterStore ps, NDArray points, NDArray labels, NDArray piHat, NDArray eps,
                              NDArray uniform, InferenceRecipe recipe) {
        NDArray tokens = prompt.forward(ps, new NDList(points, labels), false).singletonOrThrow();
        NDList theta = meanVariance.forward(ps, new NDList(tokens), false);
        NDArray pi = recipe.samplingPi(preferenceWeights.forward(ps, new NDList(piHat), false).singletonOrThrow(),
                piHat);
        NDArray z = sampleLatent(pi, theta.get(0), theta.get(1), eps, uniform);
        return new NDList(tokens, theta.get(0), theta.get(1), pi, z);
    }

    /** Fcomb at inference: e_{x_n}, channels-last [B*N, G*G, E], from an {@link #embedImage} embedding and z. */
    public NDArray fuse(ParameterStore ps, NDList embedding, NDArray z) {
        return fusion.fuseChannelsLast(ps, embedding.get(0), z);
    }

    /**
     * The mask decoder at inference: logits [B, N, S, S], the same values as {@link #forwardInternal}'s to float32
     * rounding, from the channels-last {@link #fuse}, with its last stage as a {@link PolyphaseHead} (see that class
     * for why).
     */
    public NDArray decode(ParameterStore ps, NDArray fused, NDArray tokens, NDList embedding) {
        long b = tokens.getShape().get(0);
        long n = fused.getShape().get(0) / b;
        int s = config.imageSize();
        NDList skips = new NDList(embedding.get(1), embedding.get(2), embedding.get(3));
        return decoder.decodeForInference(ps, fused, tokens, embedding.get(4), skips).reshape(b, n, s, s);
    }

    /**
     * z per sample. Paper code (default): z = sum_m pi_m (mu_m + sqrt(sigma2_m) eps), i.e. mean pi.mu and standard
     * deviation pi.sigma, scalars broadcast over the latent dimensions. Ancestral: m = the component whose
     * cumulative pi interval holds u, z = mu_m + sigma_m eps.
     */
    NDArray sampleLatent(NDArray pi, NDArray mu, NDArray sigma2, NDArray eps, NDArray uniform) {
        NDArray sigma = sigma2.sqrt();
        if (!config.ancestralSampling()) {
            NDArray mean = pi.mul(mu).sum(new int[] {1}).reshape(-1, 1, 1);
            NDArray sd = pi.mul(sigma).sum(new int[] {1}).reshape(-1, 1, 1);
            return eps.mul(sd).add(mean);
        }
        int m = config.components();
        NDArray cumulative = pi.cumSum(1).expandDims(1);
        NDArray index = cumulative.lte(uniform.expandDims(2)).toType(DataType.FLOAT32, false)
                .sum(new int[] {2}).minimum(m - 1).toType(DataType.INT64, false);
        NDArray oneHot = index.oneHot(m);
        NDArray mean = oneHot.mul(mu.expandDims(1)).sum(new int[] {2}).expandDims(2);
        NDArray sd = oneHot.mul(sigma.expandDims(1)).sum(new int[] {2}).expandDims(2);
        return eps.mul(sd).add(mean);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        long n = inputShapes[4].get(1);
        int s = config.imageSize();
        int m = config.components();
        return new Shape[] {new Shape(b, n, s, s), new Shape(b, m), new Shape(b, m), new Shape(b, m),
            new Shape(b, n, config.latentDim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int c = config.inputChannels();
        int s = config.imageSize();
        int e = config.embedChannels();
        int g = config.embedGrid();
        int m = config.components();
        Shape image = new Shape(1, c, s, s);
        encoder.initialize(manager, dataType, image);
        Shape[] features = encoder.getOutputShapes(new Shape[] {image});
        prompt.initialize(manager, dataType, new Shape(1, 2, 2), new Shape(1, 2, 3));
        meanVariance.initialize(manager, dataType, new Shape(1, 2, e));
        preferenceWeights.initialize(manager, dataType, new Shape(1, m));
        fusion.initialize(manager, dataType, features[0], new Shape(1, 1, config.latentDim()));
        decoder.initialize(manager, dataType, new Shape(1, e, g, g), new Shape(1, 2, e), new Shape(g * g, e),
                features[1], features[2], features[3]);
        // sigma^2 = ReLU(.) + 1e-6 would start at ReLU's edge with a zero bias: start it at 1 instead.
        NDArray bias = meanVariance.outputLayer().getParameters().get("bias").getArray();
        bias.set(new NDIndex(m + ":"), 1f);
    }
}
