package org.spagateway.spa.model.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spagateway.spa.model.BinaryMask;
import org.spagateway.spa.model.CandidateAnalysis;
import org.spagateway.spa.model.Click;
import org.spagateway.spa.model.EmEstimate;
import org.spagateway.spa.model.SpaConfig;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.Tensors;
import org.spagateway.spa.model.TrainingInputs;
import org.spagateway.spa.model.data.CorrectiveClicks;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.data.MultiRaterSample;
import org.spagateway.spa.model.data.Preferences;
import org.spagateway.spa.model.data.Seeds;
import org.spagateway.spa.model.nn.SpaNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an SPA network on synthetic multi-rater data with the paper's interaction loop: per batch, a preference
 * is drawn for each image (the code's pixel-driven rater subset), the initial click lies where all raters agree,
 * and each of {@code rounds} simulated rounds makes one optimiser step on
 * <pre>
 *   BCE_posweight2(mean_n sigmoid(logits_n), preference) + wtaWeight * mean_r min_n BCE(logits_n, rater_r)
 *     + MSE(piMLP(pi-hat(chosen candidate)), pi-hat(preference))
 * </pre>
 * then simulates the choice as at inference (K-means, the candidate nearest the preference, a point among the
 * top-T differing pixels labelled from the preference) and appends the point and the chosen candidate's pi-hat.
 * With {@code profileFraction > 0} a share of the studies belong to per-rater study sequences: the preference is one
 * rater's own mask and the round-1 pi-MLP input is that rater's carried profile (see {@link RaterProfiles}), which
 * the study's approval estimate then updates, as the evaluation's carried-profile sessions do. The click baseline
 * trains on the same single-rater studies (same fraction, same draws), from pi_init.
 * Each round's arrays live in their own sub-manager, closed after the step.
 *
 * <p>Guards: before training, {@link GradientCheck} finds out whether this CPU's kernels compute the network's
 * gradients correctly as they are, or only with the narrow convolutions padded, and sets the network accordingly;
 * before every optimiser step, a loss term or gradient that is not finite stops training with a
 * {@link TrainingDivergedException} naming the step and the term, and the gradients are clipped to
 * {@link TrainingOptions#maxGradientNorm()}.
 */
public final class SpaTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SpaTrainer.class);
    private static final float POS_WEIGHT = 2f;
    private static final int VALIDATION_ROUNDS = 3;

    /** Receives progress; called on the training thread. */
    public interface Listener {
        void step(int epoch, int step, int steps, double loss);

        void epoch(EpochReport report);
    }

    private final SpaModel model;
    private final TrainingOptions options;
    private final SpaNetwork network;
    private final SpaConfig config;
    private final ParameterStore parameters;
    private final GradientCheck.Verdict verdict;
    private final GradientGuard guard;
    private final RaterProfiles profiles;
    private double largestGradientNorm;
    private int clippedSteps;

    /**
     * @throws IllegalStateException if this machine computes the network's gradients wrongly even with the narrow
     *                               convolutions padded ({@link GradientCheck})
     */
    public SpaTrainer(SpaModel model, TrainingOptions options) {
        verdict = GradientCheck.verify(model.config(), options.seed());
        model.network().padNarrowConvolutionsInTraining(verdict.padNarrowConvolutions());
        if (verdict.padNarrowConvolutions()) {
            LOG.warn("gradient check: {}; training is correct but slower", verdict.describe());
        } else {
            LOG.info("gradient check: {}", verdict.describe());
        }
        this.model = model;
        this.options = options;
        this.network = model.network();
        this.config = model.config();
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(options.learningRate())).build();
        parameters = new ParameterStore(model.djlModel().getNDManager(), false);
        parameters.setParameterServer(new LocalParameterServer(adam), new Device[] {Device.cpu()});
        guard = new GradientGuard(network, options.maxGradientNorm());
        profiles = new RaterProfiles(options.trainingPanel().size());
    }

    public List<EpochReport> train(Listener listener) {
        MultiRaterGenerator generator = MultiRaterGenerator.standard(options.trainingPanel());
        long t0 = System.nanoTime();
        List<MultiRaterSample> train = generator.split(MultiRaterGenerator.Split.TRAIN, options.trainImages(),
                options.dataSeed());
        List<MultiRaterSample> validation = generator.split(MultiRaterGenerator.Split.VALIDATION,
                options.validationImages(), options.dataSeed());
        LOG.info("generated {} training and {} validation images ({} raters) in {} s", train.size(),
                validation.size(), options.trainingPanel().size(), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        List<EpochReport> reports = new ArrayList<>();
        int steps = train.size() / options.batchSize();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            long start = System.nanoTime();
            List<Integer> order = shuffled(train.size(), Seeds.mix(options.seed(), epoch));
            double[] sums = new double[4];
            int count = 0;
            largestGradientNorm = 0;
            clippedSteps = 0;
            for (int step = 0; step < steps; step++) {
                List<MultiRaterSample> batch = new ArrayList<>();
                for (int i = 0; i < options.batchSize(); i++) {
                    batch.add(train.get(order.get(step * options.batchSize() + i)));
                }
                double[] losses = trainBatch(batch, Seeds.mix(options.seed(), epoch, step), epoch, step + 1);
                for (int i = 0; i < 4; i++) {
                    sums[i] += losses[i];
                }
                count += rounds();
                listener.step(epoch, step + 1, steps, losses[0] / rounds());
            }
            double[] dice = Validation.diceByRound(model, options.variant(), validation, validationRounds(),
                    options.seed());
            EpochReport report = new EpochReport(epoch, sums[0] / count, sums[1] / count, sums[2] / count,
                    sums[3] / count, dice[0], dice[dice.length - 1], largestGradientNorm, clippedSteps,
                    (System.nanoTime() - start) / 1e9);
            reports.add(report);
            listener.epoch(report);
        }
        return reports;
    }

    /**
     * Runs the simulated rounds of one batch; returns summed [total, segmentation, wta, pi] losses.
     *
     * @throws TrainingDivergedException if a loss term or a gradient is not finite (before the step is taken)
     */
    double[] trainBatch(List<MultiRaterSample> batch, long batchSeed, int epoch, int step) {
        TrainingOptions.Variant variant = options.variant();
        boolean spa = variant == TrainingOptions.Variant.SPA;
        int b = batch.size();
        int s = config.imageSize();
        int m = config.components();
        int r = batch.get(0).raterCount();
        int n = spa ? options.trainSamples() : 1;
        float[] images = new float[b * config.inputChannels() * s * s];
        float[] targets = new float[b * s * s];
        float[] raters = new float[b * r * s * s];
        List<List<Click>> clicks = new ArrayList<>();
        float[][] piInputs = new float[b][];
        BinaryMask[] preferences = new BinaryMask[b];
        int[] sequenceRater = new int[b];
        for (int i = 0; i < b; i++) {
            MultiRaterSample sample = batch.get(i);
            SplittableRandom random = new SplittableRandom(Seeds.mix(batchSeed, i));
            Study study = study(options, sample, batchSeed, i, random);
            sequenceRater[i] = study.rater();
            preferences[i] = study.preference();
            System.arraycopy(sample.image(), 0, images, i * sample.image().length, sample.image().length);
            System.arraycopy(preferences[i].toFloats(), 0, targets, i * s * s, s * s);
            for (int k = 0; k < r; k++) {
                System.arraycopy(sample.raterMasks().get(k).toFloats(), 0, raters, (i * r + k) * s * s, s * s);
            }
            List<Click> initial = new ArrayList<>();
            if (variant != TrainingOptions.Variant.DETERMINISTIC) {
                initial.add(TrainingInputs.initialClick(sample, random));
            }
            clicks.add(initial);
            // The click baseline has no pi input of its own to carry: its sequence studies start from pi_init too.
            piInputs[i] = spa && sequenceRater[i] >= 0 ? profiles.prior(sequenceRater[i], model.initialPi())
                    : model.initialPi();
        }
        double[] sums = new double[4];
        NDManager root = model.djlModel().getNDManager();
        for (int round = 1; round <= rounds(); round++) {
            long[] roundSeeds = new long[b];
            for (int i = 0; i < b; i++) {
                roundSeeds[i] = Seeds.mix(batchSeed, i, round);
            }
            try (NDManager manager = root.newSubManager();
                 GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray image = Tensors.create(manager, images, new Shape(b, config.inputChannels(), s, s));
                NDArray target = Tensors.create(manager, targets, new Shape(b, (long) s * s));
                NDList prompts = TrainingInputs.prompts(manager, clicks, s);
                float[] pis = new float[b * m];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(piInputs[i], 0, pis, i * m, m);
                }
                NDList noise = spa ? TrainingInputs.noise(manager, b, n, config.latentDim(), roundSeeds)
                        : TrainingInputs.zeroNoise(manager, b, n, config.latentDim());
                NDList out = network.forward(parameters, new NDList(image, prompts.get(0), prompts.get(1),
                        Tensors.create(manager, pis, new Shape(b, m)), noise.get(0), noise.get(1)), true);
                TrainingStep where = new TrainingStep(epoch, step, round);
                NDArray logits = out.get(0).reshape(b, n, (long) s * s);
                NDArray segmentation = finite(weightedBceOfMeanProbability(logits, target), "segmentation loss", where);
                NDArray loss = segmentation;
                if (spa) {
                    NDArray raterMasks = Tensors.create(manager, raters, new Shape(b, r, (long) s * s));
                    NDArray perPair = Activation.softPlus(logits).mean(new int[] {2}, true)
                            .sub(Tensors.mul(logits.batchMatMul(raterMasks.transpose(0, 2, 1)), 1f / (s * s)));
                    NDArray wta = finite(perPair.min(new int[] {1}).mean(), "best-of-N loss", where);
                    finite(logits.stopGradient().abs().max(), "largest sample logit", where);
                    NDArray piLoss = finite(simulateChoices(out, target, preferences, clicks, piInputs, roundSeeds,
                            manager), "pi-MLP loss", where);
                    loss = segmentation.add(Tensors.mul(wta, options.wtaWeight())).add(piLoss);
                    if (round == rounds()) {
                        recordApprovals(logits, out, sequenceRater);
                    }
                    sums[2] += wta.getFloat();
                    sums[3] += piLoss.getFloat();
                } else if (variant == TrainingOptions.Variant.CLICK) {
                    float[] probabilities = Activation.sigmoid(logits.stopGradient()).toFloatArray();
                    for (int i = 0; i < b; i++) {
                        BinaryMask prediction = BinaryMask.threshold(s, s,
                                java.util.Arrays.copyOfRange(probabilities, i * s * s, (i + 1) * s * s), 0.5f);
                        List<Click> list = clicks.get(i);
                        list.add(CorrectiveClicks.next(prediction, preferences[i]).orElse(list.get(list.size() - 1)));
                    }
                }
                collector.backward(loss);
                sums[0] += loss.getFloat();
                sums[1] += segmentation.getFloat();
                GradientGuard.Outcome gradients = guard.check(where);
                largestGradientNorm = Math.max(largestGradientNorm, gradients.norm());
                clippedSteps += gradients.clipped() ? 1 : 0;
            }
            // DJL's PyTorch Adam update also resets each gradient, so steps never accumulate (checked in the test).
            parameters.updateAllParameters();
        }
        return sums;
    }

    /** {@code value} (a scalar), or a {@link TrainingDivergedException} naming the term if it is not finite. */
    private static NDArray finite(NDArray value, String term, TrainingStep where) {
        float v = value.getFloat();
        if (!Float.isFinite(v)) {
            throw new TrainingDivergedException(where, "the " + term, "is not finite (" + v + ")");
        }
        return value;
    }

    /**
     * A training study: the rater of the study sequence it belongs to, or -1, and the mask it is trained to segment.
     */
    record Study(int rater, BinaryMask preference) {
    }

    /**
     * Study {@code i} of a batch: with probability {@code profileFraction} (SPA and the click baseline alike, so both
     * learn from the same single-rater studies) one rater's study sequence, that rater's mask the preference; else a
     * pixel-driven preference drawn from {@code random} (the study's own stream, which its initial click then
     * continues).
     */
    static Study study(TrainingOptions options, MultiRaterSample sample, long batchSeed, int i,
                       SplittableRandom random) {
        TrainingOptions.Variant variant = options.variant();
        boolean sequences = variant == TrainingOptions.Variant.SPA || variant == TrainingOptions.Variant.CLICK;
        int rater = sequences ? sequenceRater(options, Seeds.mix(batchSeed, i, 0x5E0), sample.raterCount()) : -1;
        return new Study(rater, rater >= 0 ? sample.raterMasks().get(rater)
                : Preferences.pixelDriven(sample, random).mask());
    }

    /** The rater whose study sequence this study belongs to, or -1 (a pixel-driven preference, cold start). */
    private static int sequenceRater(TrainingOptions options, long seed, int raters) {
        if (options.profileFraction() <= 0f) {
            return -1;
        }
        SplittableRandom random = new SplittableRandom(seed);
        return random.nextDouble() < options.profileFraction() ? random.nextInt(raters) : -1;
    }

    /** Approval estimates (the round's EM estimate of pi, as SpaPredictor) into the raters' profiles. */
    private void recordApprovals(NDArray logits, NDList out, int[] sequenceRater) {
        NDArray meanMaps = Activation.sigmoid(logits.stopGradient()).mean(new int[] {1});
        for (int i = 0; i < sequenceRater.length; i++) {
            if (sequenceRater[i] >= 0) {
                profiles.add(sequenceRater[i], EmEstimate.ofRound(meanMaps.get(i), out.get(4).stopGradient().get(i),
                        out.get(3).stopGradient().get(i), out.get(1).stopGradient().get(i),
                        out.get(2).stopGradient().get(i), config.latentPiEstimate()).toFloatArray());
            }
        }
    }

    /** How this machine's gradients were checked, and whether training pads the narrow convolutions. */
    public GradientCheck.Verdict gradientCheck() {
        return verdict;
    }

    /** Studies recorded so far in a training rater's profile. */
    int profileStudies(int rater) {
        return profiles.studies(rater);
    }

    /** Validation rounds: at least 3, and as many as the simulated rounds of training. */
    int validationRounds() {
        return Math.max(VALIDATION_ROUNDS, rounds());
    }

    /** Optimiser steps per batch: one per simulated round; the deterministic baseline has a single round. */
    int rounds() {
        return options.variant() == TrainingOptions.Variant.DETERMINISTIC ? 1 : options.rounds();
    }

    /**
     * The SPA choice simulation of one round (no gradient): K-means candidates, the one nearest the preference, its
     * fed-back point labelled from the preference, its pi-hat as the next pi-MLP input. Returns the pi-MLP loss
     * MSE(piMLP(pi-hat chosen), pi-hat preference).
     */
    private NDArray simulateChoices(NDList out, NDArray target, BinaryMask[] preferences, List<List<Click>> clicks,
                                    float[][] piInputs, long[] roundSeeds, NDManager manager) {
        int b = preferences.length;
        int m = config.components();
        NDArray probabilities = Activation.sigmoid(out.get(0).stopGradient());
        NDArray mu = out.get(1).stopGradient();
        NDArray sigma2 = out.get(2).stopGradient();
        NDArray pi = out.get(3).stopGradient();
        NDArray z = out.get(4).stopGradient();
        float[] chosenPi = new float[b * m];
        float[] targetPi = new float[b * m];
        for (int i = 0; i < b; i++) {
            CandidateAnalysis.Analysis analysis = CandidateAnalysis.analyse(probabilities.get(i), z.get(i),
                    pi.get(i), mu.get(i), sigma2.get(i), config, roundSeeds[i]);
            CandidateAnalysis.Candidate chosen = analysis.candidates().get(analysis.nearestTo(preferences[i]));
            clicks.get(i).add(new Click(chosen.feedbackX(), chosen.feedbackY(),
                    preferences[i].get(chosen.feedbackX(), chosen.feedbackY())));
            System.arraycopy(chosen.piEstimate(), 0, chosenPi, i * m, m);
            float[] onTarget = config.latentPiEstimate()
                    ? LatentTargets.estimate(probabilities.get(i), z.get(i), pi.get(i), mu.get(i), sigma2.get(i),
                            preferences[i], config, options.targetSamples())
                    : EmEstimate.piHat(target.get(i).expandDims(0), pi.get(i), mu.get(i), sigma2.get(i))
                            .toFloatArray();
            System.arraycopy(onTarget, 0, targetPi, i * m, m);
            piInputs[i] = chosen.piEstimate();
        }
        NDArray predictedPi = network.preferenceWeights().forward(parameters,
                new NDList(Tensors.create(manager, chosenPi, new Shape(b, m))), true).singletonOrThrow();
        return predictedPi.sub(Tensors.create(manager, targetPi, new Shape(b, m))).square().mean();
    }

    /**
     * BCE (pos_weight 2) of the mean probability over the N samples: the quantity the recommended mask thresholds.
     * log p and log(1 - p) of the mean are taken through log-sum-exp of the per-sample log-sigmoids.
     */
    private static NDArray weightedBceOfMeanProbability(NDArray logits, NDArray target) {
        long n = logits.getShape().get(1);
        NDArray logP = logMeanExp(Activation.softPlus(logits.neg()).neg(), n);
        NDArray logNotP = logMeanExp(Activation.softPlus(logits).neg(), n);
        NDArray positive = Tensors.mul(logP.neg().mul(target), POS_WEIGHT);
        NDArray negative = logNotP.neg().mul(target.neg().add(1f));
        return positive.add(negative).mean();
    }

    /** log(mean_n exp(x_n)) over axis 1 of [B, N, P], stable. */
    private static NDArray logMeanExp(NDArray x, long n) {
        NDArray max = x.max(new int[] {1}, true).stopGradient();
        return x.sub(max).exp().mean(new int[] {1}).log().add(max.squeeze(1));
    }

    private static List<Integer> shuffled(int size, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        return order;
    }
}
