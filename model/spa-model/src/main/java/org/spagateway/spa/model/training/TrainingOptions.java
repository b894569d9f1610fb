package org.spagateway.spa.model.training;

import java.util.List;
import java.util.Objects;
import org.spagateway.spa.model.SpaConfig;
import org.spagateway.spa.model.data.RaterPanel;

/**
 * Everything a training run depends on (and is reproducible from).
 *
 * @param name            model name, e.g. {@code spa-optic-cup}
 * @param panel           the raters (all of them; {@code heldOutRaters} are removed for training)
 * @param heldOutRaters   indices into the panel never used for training (unseen-annotator evaluation)
 * @param config          network configuration
 * @param trainImages     training images (split TRAIN of the data seed)
 * @param validationImages validation images (split VALIDATION) scored after every epoch
 * @param epochs          passes over the training images
 * @param batchSize       images per optimiser step
 * @param rounds          simulated interaction rounds per batch, one optimiser step each (paper: 6)
 * @param trainSamples    N during training (paper: 48 everywhere; fewer here for CPU)
 * @param learningRate    Adam learning rate, constant
 * @param wtaWeight       weight of the best-of-N per-rater loss (0 = the paper's loss only)
 * @param dataSeed        seed of the synthetic data
 * @param seed            seed of initialisation, preferences and simulated choices
 * @param variant         SPA, or one of the baselines trained on the same backbone and data
 * @param profileFraction SPA and the click baseline: share of training studies that belong to a rater's study
 *                        sequence (preference = that rater's own mask; SPA's round-1 pi-MLP input = that rater's
 *                        carried profile); 0 = none
 * @param targetSamples   SPA with latent pi estimates: how many of the samples nearest the preference make the
 *                        pi-MLP's target ({@link LatentTargets}); 0 = N / K, as many as a candidate holds on average
 * @param maxGradientNorm global L2 norm of the gradients above which a step's gradients are scaled down to it
 *                        ({@link #DEFAULT_MAX_GRADIENT_NORM} unless set)
 */
public record TrainingOptions(String name, RaterPanel panel, List<Integer> heldOutRaters, SpaConfig config,
                              int trainImages, int validationImages, int epochs, int batchSize, int rounds,
                              int trainSamples, float learningRate, float wtaWeight, long dataSeed, long seed,
                              Variant variant, float profileFraction, int targetSamples, float maxGradientNorm) {

    /**
     * Gradient-norm clipping threshold. Correct gradients of the smoke and shipped recipes stay below it after the
     * first few steps (norms of 1-40 in the first steps of a fresh network, under 5 later); it bounds single bad
     * batches, not normal training.
     */
    public static final float DEFAULT_MAX_GRADIENT_NORM = 10f;

    /** What is trained. */
    public enum Variant {
        /** The SPA mechanism: N samples from the preference mixture, K-means candidates, one fed-back point. */
        SPA,
        /** Baseline (a): no z (noise-free latent), no interaction (no clicks), one prediction per image. */
        DETERMINISTIC,
        /** Baseline (b): no z, click-based interaction; each round adds a click at the largest error's centre. */
        CLICK
    }

    /** A run with the default gradient clipping. */
    public TrainingOptions(String name, RaterPanel panel, List<Integer> heldOutRaters, SpaConfig config,
                           int trainImages, int validationImages, int epochs, int batchSize, int rounds,
                           int trainSamples, float learningRate, float wtaWeight, long dataSeed, long seed,
                           Variant variant, float profileFraction, int targetSamples) {
        this(name, panel, heldOutRaters, config, trainImages, validationImages, epochs, batchSize, rounds,
                trainSamples, learningRate, wtaWeight, dataSeed, seed, variant, profileFraction, targetSamples,
                DEFAULT_MAX_GRADIENT_NORM);
    }

    /** A run with the default pi-MLP target. */
    public TrainingOptions(String name, RaterPanel panel, List<Integer> heldOutRaters, SpaConfig config,
                           int trainImages, int validationImages, int epochs, int batchSize, int rounds,
                           int trainSamples, float learningRate, float wtaWeight, long dataSeed, long seed,
                           Variant variant, float profileFraction) {
        this(name, panel, heldOutRaters, config, trainImages, validationImages, epochs, batchSize, rounds,
                trainSamples, learningRate, wtaWeight, dataSeed, seed, variant, profileFraction, 0);
    }

    /** A run without rater study sequences. */
    public TrainingOptions(String name, RaterPanel panel, List<Integer> heldOutRaters, SpaConfig config,
                           int trainImages, int validationImages, int epochs, int batchSize, int rounds,
                           int trainSamples, float learningRate, float wtaWeight, long dataSeed, long seed,
                           Variant variant) {
        this(name, panel, heldOutRaters, config, trainImages, validationImages, epochs, batchSize, rounds,
                trainSamples, learningRate, wtaWeight, dataSeed, seed, variant, 0f);
    }

    /** An SPA run. */
    public TrainingOptions(String name, RaterPanel panel, List<Integer> heldOutRaters, SpaConfig config,
                           int trainImages, int validationImages, int epochs, int batchSize, int rounds,
                           int trainSamples, float learningRate, float wtaWeight, long dataSeed, long seed) {
        this(name, panel, heldOutRaters, config, trainImages, validationImages, epochs, batchSize, rounds,
                trainSamples, learningRate, wtaWeight, dataSeed, seed, Variant.SPA, 0f);
    }

    public TrainingOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(panel, "panel");
        heldOutRaters = List.copyOf(heldOutRaters);
        variant = variant == null ? Variant.SPA : variant;
        if (trainImages < batchSize || batchSize < 1 || epochs < 1 || rounds < 1
                || (variant == Variant.SPA && trainSamples < config.clusters())
                || !(profileFraction >= 0f && profileFraction <= 1f) || targetSamples < 0
                || targetSamples > trainSamples || !(maxGradientNorm > 0f) || Float.isInfinite(maxGradientNorm)) {
            throw new IllegalArgumentException("invalid training options");
        }
        if (heldOutRaters.size() >= panel.size()) {
            throw new IllegalArgumentException("at least one rater must remain for training");
        }
    }

    /** The panel the model is trained on (held-out raters removed). */
    public RaterPanel trainingPanel() {
        List<Integer> kept = new java.util.ArrayList<>();
        for (int i = 0; i < panel.size(); i++) {
            if (!heldOutRaters.contains(i)) {
                kept.add(i);
            }
        }
        return panel.subset(kept);
    }
}
