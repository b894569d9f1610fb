package org.spagateway.spa.model;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.spagateway.spa.model.data.Seeds;
import org.spagateway.spa.model.nn.SpaNetwork;

/**
 * Runs SPA rounds. Not thread-safe: one per thread. Each round's arrays live in a manager opened for that round and
 * closed after it (nothing accumulates across rounds) except the per-image embedding, which a small cache keeps for
 * the image's next rounds ({@link ImageEmbeddingCache}). Rounds run without autograd ({@link NoGradientScope}),
 * with Fcomb and the attention channels-last and the decoder's last stage as {@code PolyphaseHead}: the same values
 * as the network's plain forward pass ({@link #runReference}) to float32 rounding.
 */
public final class SpaPredictor implements AutoCloseable {

    /** What one round needs: the image, all clicks so far, the pi estimate for the pi-MLP, the round seed. */
    public record RoundRequest(ModelImage image, List<Click> clicks, float[] piInput, long roundSeed, int samples) {
        public RoundRequest {
            clicks = List.copyOf(clicks);
        }
    }

    /**
     * A computed round: the candidate analysis (with the round's own EM estimate), the theta that produced the
     * samples, where the time went.
     */
    public record RoundOutput(CandidateAnalysis.Analysis analysis, Theta theta, RoundTimings timings) {
    }

    /** Images whose embedding a predictor keeps (about 1 MB each at 128 x 128): recent sessions of one thread. */
    static final int EMBEDDING_CACHE_IMAGES = 16;
    /** A single prediction: mean probability over {@code samples} latents, or the noise-free latent (z = mean). */
    public record MeanRequest(ModelImage image, List<Click> clicks, float[] piInput, int samples, long seed,
                              boolean noiseFree) {
        public MeanRequest {
            clicks = List.copyOf(clicks);
        }
    }

    private final SpaModel model;
    private final NDManager manager;
    private final ParameterStore parameters;
    private final ImageEmbeddingCache embeddings;
    private final ParallelSampleDecoder samples;
    private final InferenceRecipe recipe;
    private Predictor<RoundRequest, RoundOutput> referencePredictor;
    private Predictor<MeanRequest, float[]> meanPredictor;

    SpaPredictor(SpaModel model, int sampleThreads, InferenceRecipe recipe) {
        this.model = model;
        this.recipe = Objects.requireNonNull(recipe, "recipe");
        this.manager = model.djlModel().getNDManager().newSubManager();
        this.parameters = new ParameterStore(manager, false);
        this.embeddings = new ImageEmbeddingCache(manager, EMBEDDING_CACHE_IMAGES);
        this.samples = new ParallelSampleDecoder(model.network(), parameters, manager, sampleThreads);
    }

    /**
     * The mean probability map (row-major) without clustering: what the deterministic and click baselines output
     * (noise-free, one sample), and a cheap way to score a fixed-theta prediction.
     */
    public float[] meanProbability(MeanRequest request) {
        if (meanPredictor == null) {
            meanPredictor = model.djlModel().newPredictor(new MeanTranslator(model.config()));
        }
        try (NoGradientScope noGradients = NoGradientScope.open()) {
            return meanPredictor.predict(request);
        } catch (TranslateException e) {
            throw new IllegalStateException("SPA prediction failed", e);
        }
    }

    public SpaModel model() {
        return model;
    }

    /** How this predictor's rounds draw their latents and weigh the recommended mask. */
    public InferenceRecipe recipe() {
        return recipe;
    }

    /** The threads that decode a round's samples together, the caller's included. */
    public int sampleThreads() {
        return samples.threads();
    }

    /**
     * One round: the image's embedding (reused from an earlier round on the same pixels, else computed), then the
     * prompt stage, Fcomb and the decoder over the N samples (on this predictor's sample threads:
     * {@link SpaModel#newPredictor(int)}), K-means and the candidate analysis.
     *
     * @throws ModelOutputInvalidException if the network's output for this round is not finite
     */
    public RoundOutput run(RoundRequest request) {
        SpaConfig config = model.config();
        SpaNetwork network = model.network();
        RoundClock clock = new RoundClock();
        try (NoGradientScope noGradients = NoGradientScope.open(); NDManager round = manager.newSubManager()) {
            ImageEmbeddingCache.Lookup lookup = embeddings.get(request.image(),
                    scratch -> network.embedImage(parameters, image(scratch, config, request.image())));
            NDList embedding = lookup.embedding();
            // Results of operations on the kept arrays then belong to this round's manager; they return after it.
            embedding.tempAttach(round);
            clock.lap(RoundClock.Stage.ENCODER);
            NDList prompts = prompts(round, List.of(request.clicks()), config.imageSize());
            NDArray piHat = Tensors.create(round, requirePi(config, request.piInput()),
                    new Shape(1, config.components()));
            NDList noise = noise(round, 1, request.samples(), config.latentDim(), new long[] {request.roundSeed()});
            NDList preferences = network.preferences(parameters, prompts.get(0), prompts.get(1), piHat, noise.get(0),
                    noise.get(1), recipe);
            NDArray z = preferences.get(4);
            clock.lap(RoundClock.Stage.PROMPT);
            NDArray probabilities = samples.probabilities(embedding, z, preferences.get(0), clock);
            return output(config, recipe, request, probabilities,
                    new NDList(preferences.get(1).get(0), preferences.get(2).get(0), preferences.get(3).get(0),
                            z.get(0)), clock, lookup.reused());
        }
    }

    /**
     * The same round through the network's plain forward pass (DJL predictor, the decoder's output layer as the
     * plain convolution, the encoder run again, no embedding kept): the reference {@link #run} is checked against, and
     * the baseline the round benchmark measures it against. Always the paper's recipe ({@link InferenceRecipe#PAPER}).
     */
    public RoundOutput runReference(RoundRequest request) {
        if (referencePredictor == null) {
            referencePredictor = model.djlModel().newPredictor(new RoundTranslator(model.config()));
        }
        try (NoGradientScope noGradients = NoGradientScope.open()) {
            return referencePredictor.predict(request);
        } catch (TranslateException e) {
            if (e.getCause() instanceof ModelOutputInvalidException invalid) {
                throw invalid;
            }
            throw new IllegalStateException("SPA round failed", e);
        }
    }

    /** How many images' embeddings this predictor keeps now. */
    int embeddingsKept() {
        return embeddings.size();
    }

    @Override
    public void close() {
        samples.close();
        embeddings.close();
        manager.close();
        if (referencePredictor != null) {
            referencePredictor.close();
        }
        if (meanPredictor != null) {
            meanPredictor.close();
        }
    }

    /** Candidate analysis and EM estimate of a round from its sample probabilities [N, S, S] and mu, sigma2, pi, z. */
    private static RoundOutput output(SpaConfig config, InferenceRecipe recipe, RoundRequest request,
                                      NDArray probabilities, NDList thetaAndZ, RoundClock clock, boolean reused) {
        NDArray mu = thetaAndZ.get(0);
        NDArray sigma2 = thetaAndZ.get(1);
        NDArray pi = thetaAndZ.get(2);
        NDArray z = thetaAndZ.get(3);
        CandidateAnalysis.Analysis analysis = CandidateAnalysis.analyse(probabilities, z, pi, mu, sigma2, config,
                recipe, request.roundSeed(), clock);
        Theta theta = new Theta(mu.toFloatArray(), sigma2.toFloatArray(), pi.toFloatArray());
        clock.lap(RoundClock.Stage.ANALYSIS);
        return new RoundOutput(analysis, theta, clock.timings(reused));
    }

    private static NDArray image(NDManager manager, SpaConfig config, ModelImage image) {
        int s = config.imageSize();
        if (image.size() != s || image.channels() != config.inputChannels()) {
            throw new IllegalArgumentException("model expects " + config.inputChannels() + " x " + s + " x " + s
                    + " input, got " + image.channels() + " x " + image.size() + " x " + image.size());
        }
        return Tensors.create(manager, image.pixels(), new Shape(1, image.channels(), s, s));
    }

    private static float[] requirePi(SpaConfig config, float[] piInput) {
        if (piInput.length != config.components()) {
            throw new IllegalArgumentException("pi has " + piInput.length + " components, model has "
                    + config.components());
        }
        return piInput;
    }

    /** Builds the network inputs for one image (batch of one), shared with training. */
    static NDList inputs(NDManager manager, SpaConfig config, ModelImage image, List<Click> clicks, float[] piInput,
                         int samples, long roundSeed) {
        int s = config.imageSize();
        NDArray img = image(manager, config, image);
        NDList prompts = prompts(manager, List.of(clicks), s);
        NDArray pi = Tensors.create(manager, requirePi(config, piInput), new Shape(1, piInput.length));
        NDList noise = noise(manager, 1, samples, config.latentDim(), new long[] {roundSeed});
        return new NDList(img, prompts.get(0), prompts.get(1), pi, noise.get(0), noise.get(1));
    }

    /** Points [B, P+1, 2] in [0, 1] (pixel centres) and one-hot labels [B, P+1, 3]; the last point is padding. */
    static NDList prompts(NDManager manager, List<List<Click>> clicks, int size) {
        int b = clicks.size();
        int p = clicks.get(0).size() + 1;
        float[] points = new float[b * p * 2];
        float[] labels = new float[b * p * 3];
        for (int i = 0; i < b; i++) {
            List<Click> list = clicks.get(i);
            if (list.size() != p - 1) {
                throw new IllegalArgumentException("all images of a batch need the same number of clicks");
            }
            for (int j = 0; j < p; j++) {
                int base = i * p + j;
                if (j < p - 1) {
                    Click c = list.get(j);
                    points[base * 2] = (c.x() + 0.5f) / size;
                    points[base * 2 + 1] = (c.y() + 0.5f) / size;
                    labels[base * 3 + (c.positive() ? 0 : 1)] = 1f;
                } else {
                    labels[base * 3 + 2] = 1f;
                }
            }
        }
        return new NDList(Tensors.create(manager, points, new Shape(b, p, 2)),
                Tensors.create(manager, labels, new Shape(b, p, 3)));
    }

    /** eps = 0 and u = 0: z is the mixture mean (the baselines' "no z"). */
    static NDList zeroNoise(NDManager manager, int b, int samples, int latent) {
        return new NDList(manager.zeros(new Shape(b, samples, latent)), manager.zeros(new Shape(b, samples)));
    }

    /** eps [B, N, L] standard normal and u [B, N] uniform, image i drawn from its own seed. */
    static NDList noise(NDManager manager, int b, int samples, int latent, long[] seeds) {
        float[] eps = new float[b * samples * latent];
        float[] u = new float[b * samples];
        for (int i = 0; i < b; i++) {
            SplittableRandom random = new SplittableRandom(Seeds.mix(seeds[i], 0));
            for (int j = 0; j < samples * latent; j++) {
                eps[i * samples * latent + j] = (float) random.nextGaussian();
            }
            for (int j = 0; j < samples; j++) {
                u[i * samples + j] = (float) random.nextDouble();
            }
        }
        return new NDList(Tensors.create(manager, eps, new Shape(b, samples, latent)),
                Tensors.create(manager, u, new Shape(b, samples)));
    }

    private static final class MeanTranslator implements NoBatchifyTranslator<MeanRequest, float[]> {

        private final SpaConfig config;

        MeanTranslator(SpaConfig config) {
            this.config = config;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, MeanRequest request) {
            NDList inputs = inputs(ctx.getNDManager(), config, request.image(), request.clicks(), request.piInput(),
                    request.samples(), request.seed());
            if (request.noiseFree()) {
                NDList zeros = zeroNoise(ctx.getNDManager(), 1, request.samples(), config.latentDim());
                inputs.set(4, zeros.get(0));
                inputs.set(5, zeros.get(1));
            }
            return inputs;
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList output) {
            return ai.djl.nn.Activation.sigmoid(output.get(0).get(0)).mean(new int[] {0}).toFloatArray();
        }
    }

    private static final class RoundTranslator implements NoBatchifyTranslator<RoundRequest, RoundOutput> {

        private final SpaConfig config;

        RoundTranslator(SpaConfig config) {
            this.config = config;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, RoundRequest request) {
            ctx.setAttachment("request", request);
            return inputs(ctx.getNDManager(), config, request.image(), request.clicks(), request.piInput(),
                    request.samples(), request.roundSeed());
        }

        @Override
        public RoundOutput processOutput(TranslatorContext ctx, NDList output) {
            RoundRequest request = (RoundRequest) ctx.getAttachment("request");
            NDArray probabilities = ai.djl.nn.Activation.sigmoid(output.get(0).get(0));
            return output(config, InferenceRecipe.PAPER, request, probabilities, new NDList(output.get(1).get(0),
                    output.get(2).get(0), output.get(3).get(0), output.get(4).get(0)), new RoundClock(), false);
        }
    }
}
