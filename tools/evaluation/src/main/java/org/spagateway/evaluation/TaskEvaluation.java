package org.spagateway.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.spagateway.spa.model.BinaryMask;
import org.spagateway.spa.model.Click;
import org.spagateway.spa.model.InferenceRecipe;
import org.spagateway.spa.model.ModelImage;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.spa.model.TrainingInputs;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.data.MultiRaterSample;
import org.spagateway.spa.model.data.Preferences;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Seeds;
import org.spagateway.spa.model.simulation.SimulatedRun;
import org.spagateway.spa.model.simulation.Simulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paper's protocol on one task's held-out synthetic test set, every method on the same images, preferences
 * and initial clicks: SPA, SPA with theta frozen, SPA with the points fed back but pi frozen, the click baseline,
 * the deterministic baseline; then the
 * diagonal-dominance matrix, an unseen rater, and profiles carried across studies.
 */
public final class TaskEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(TaskEvaluation.class);

    /**
     * Settings of one evaluation.
     *
     * @param split  TEST for the report; VALIDATION to compare recipes or weights without looking at the test images
     * @param recipe how the SPA models' rounds draw their latents and weigh the recommended mask (every SPA arm);
     *               null: each model's own ({@code ModelInfo#inference})
     */
    public record Settings(int testImages, int rounds, double[] thresholds, long dataSeed, long seed,
                           int profileSequences, int profileStudies, double profileThreshold,
                           MultiRaterGenerator.Split split, InferenceRecipe recipe) {

        public Settings(int testImages, int rounds, double[] thresholds, long dataSeed, long seed,
                        int profileSequences, int profileStudies, double profileThreshold) {
            this(testImages, rounds, thresholds, dataSeed, seed, profileSequences, profileStudies, profileThreshold,
                    MultiRaterGenerator.Split.TEST, null);
        }

        /** The same settings with SPA's rounds following {@code other} (the lever sweep). */
        public Settings withRecipe(InferenceRecipe other) {
            return new Settings(testImages, rounds, thresholds, dataSeed, seed, profileSequences, profileStudies,
                    profileThreshold, split, other);
        }
    }

    /** One test image's protocol inputs (stored as CSV so every method is scored against the same target). */
    public record TestCase(int index, long phantomSeed, List<Integer> raters, Click initial, int preferenceArea) {
    }

    /**
     * Unseen-rater results: SPA without rater 4, full SPA and the click baseline (trained without rater 4 when that
     * model exists), preference = rater 4 alone.
     */
    public record HeldOut(String rater, List<MethodResults> methods) {
    }

    /**
     * Profile carried from study to study versus cold starts, per study index (1-based position in a sequence).
     *
     * @param byRater one outcome per rater, in panel order
     */
    public record ProfileResult(double threshold, double[] coldIterations, double[] carriedIterations,
                                double[] coldFirstRoundDice, double[] carriedFirstRoundDice, int sequences,
                                List<RaterOutcome> byRater) {
    }

    /**
     * One rater's carried-profile outcome: iterations at the last study, and the Dice in the last round averaged
     * over all of the rater's studies (whether the model reaches the rater at all), cold and carried.
     */
    public record RaterOutcome(double coldIterations, double carriedIterations, double coldLastRoundDice,
                               double carriedLastRoundDice) {
    }

    /**
     * Everything measured on one task.
     *
     * @param methods the results of every {@link ComparedMethod}, in the order the report lists them
     * @param panel   the rater panel whose raters were the preferences, as the report names it
     * @param shippedPanel whether those are the shipped panel's raters (what the per-rater models are trained on)
     */
    public record Result(String task, Settings settings, List<TestCase> cases, List<MethodResults> methods,
                         List<String> raterIds, double[][] diagonal, HeldOut heldOut, ProfileResult profile,
                         double seconds, String panel, boolean shippedPanel) {

        /** The results of one compared method, found by its name. */
        public MethodResults results(ComparedMethod method) {
            return find(method).orElseThrow(() -> new IllegalArgumentException("no results of " + method.label()
                    + " for " + task));
        }

        /** The results of one compared method, if the run has them. */
        public java.util.Optional<MethodResults> find(ComparedMethod method) {
            return methods.stream().filter(m -> m.method().equals(method.label())).findFirst();
        }
    }

    private TaskEvaluation() {
    }

    public static Result run(RaterPanel panel, TaskModels models, Settings asked) {
        long start = System.nanoTime();
        // Every SPA arm (the held-out rater's model too) follows the recipe asked for or the shipped model's own,
        // and the report names it.
        Settings settings = asked.recipe() != null ? asked : asked.withRecipe(models.spa().info().inference());
        List<MultiRaterSample> test = images(panel, settings);
        List<TestCase> cases = new ArrayList<>();
        MethodResults spa = new MethodResults(ComparedMethod.SPA.label());
        MethodResults frozen = new MethodResults(ComparedMethod.SPA_THETA_FROZEN.label());
        MethodResults piFrozen = new MethodResults(ComparedMethod.SPA_PI_FROZEN.label());
        MethodResults click = new MethodResults(ComparedMethod.CLICK.label());
        MethodResults deterministic = new MethodResults(ComparedMethod.DETERMINISTIC.label());
        try (SpaPredictor spaP = predictor(models.spa(), settings);
             SpaPredictor clickP = models.click().newPredictor();
             SpaPredictor detP = models.deterministic().newPredictor()) {
            for (int i = 0; i < test.size(); i++) {
                MultiRaterSample sample = test.get(i);
                SplittableRandom random = new SplittableRandom(Seeds.mix(settings.seed(), i));
                Preferences.Preference preference = Preferences.uniformSubset(sample, random);
                Click initial = TrainingInputs.initialClick(sample, random);
                BinaryMask target = preference.mask();
                ModelImage image = ModelImage.of(sample);
                long sessionSeed = Seeds.mix(settings.seed(), i, 1);
                cases.add(new TestCase(i, sample.seed(), preference.raters(), initial, target.area()));
                spa.add(Simulator.spa(spaP, image, target, initial, null, settings.rounds(), sessionSeed));
                frozen.add(Simulator.frozen(spaP, image, target, initial, settings.rounds(), sessionSeed));
                piFrozen.add(Simulator.pointsFedBackPiFrozen(spaP, image, target, initial, settings.rounds(),
                        sessionSeed));
                click.add(Simulator.clicks(clickP, image, target, initial, settings.rounds()));
                deterministic.add(Simulator.deterministic(detP, image, target, settings.rounds()));
                if ((i + 1) % 10 == 0) {
                    LOG.info("{}: {} / {} test images", panel.task(), i + 1, test.size());
                }
            }
        }
        // The per-rater and without-R4 models are trained on the shipped panel's raters (train-models.sh): their
        // experiments say nothing about the raters of another panel.
        boolean shipped = panel.sameRaters(RaterPanel.defaults(panel.taskKind()));
        double[][] diagonal = shipped ? diagonal(models, test) : null;
        HeldOut heldOut = !shipped || models.withoutR4() == null ? null : heldOut(panel, models, test, settings);
        ProfileResult profile = settings.profileStudies() > 0 && test.size() >= settings.profileStudies()
                ? profile(models.spa(), test, settings) : null;
        return new Result(panel.task(), settings, cases, List.of(spa, frozen, piFrozen, click, deterministic),
                panel.raters().stream().map(r -> r.id()).toList(), diagonal, heldOut, profile,
                (System.nanoTime() - start) / 1e9, shipped ? "the shipped panel" : describe(panel), shipped);
    }

    /** The split's images as {@link #run} draws them. */
    static List<MultiRaterSample> images(RaterPanel panel, Settings settings) {
        return MultiRaterGenerator.standard(panel).split(settings.split(), settings.testImages(), settings.dataSeed());
    }

    /** A predictor of an SPA model following the settings' recipe, or the model's own. */
    static SpaPredictor predictor(SpaModel spa, Settings settings) {
        return settings.recipe() == null ? spa.newPredictor() : spa.newPredictor(1, settings.recipe());
    }

    /** A panel of the user's own as the report names it: its description, or its rater ids. */
    static String describe(RaterPanel panel) {
        String ids = String.join(", ", panel.raters().stream().map(r -> r.id()).toList());
        return panel.description().isBlank() ? "a panel of raters " + ids
                : "\"" + panel.description() + "\" (raters " + ids + ")";
    }

    /** Mean Dice of each single-rater deterministic model (rows) against each rater's masks (columns). */
    static double[][] diagonal(TaskModels models, List<MultiRaterSample> test) {
        if (models.perRater().isEmpty()) {
            return null;
        }
        int raters = test.get(0).raterCount();
        double[][] dice = new double[models.perRater().size()][raters];
        for (int k = 0; k < models.perRater().size(); k++) {
            try (SpaPredictor predictor = models.perRater().get(k).newPredictor()) {
                for (MultiRaterSample sample : test) {
                    float[] p = predictor.meanProbability(new SpaPredictor.MeanRequest(ModelImage.of(sample),
                            List.of(), predictor.model().initialPi(), 1, 0, true));
                    BinaryMask prediction = BinaryMask.threshold(sample.size(), sample.size(), p, 0.5f);
                    for (int j = 0; j < raters; j++) {
                        dice[k][j] += prediction.dice(sample.raterMasks().get(j)) / test.size();
                    }
                }
            }
        }
        return dice;
    }

    static HeldOut heldOut(RaterPanel panel, TaskModels models, List<MultiRaterSample> test, Settings settings) {
        int rater = 3;
        MethodResults unseen = new MethodResults("SPA trained without " + panel.raters().get(rater).id());
        MethodResults full = new MethodResults("SPA trained with all raters");
        // The fair comparison is a click baseline that has not seen the rater either (train-models.sh trains it);
        // without it, the one trained on every rater, labelled as such.
        boolean fair = models.clickWithoutR4() != null;
        MethodResults click = new MethodResults(fair ? "click baseline trained without "
                + panel.raters().get(rater).id() : "click baseline (all raters)");
        try (SpaPredictor withoutP = predictor(models.withoutR4(), settings);
             SpaPredictor fullP = predictor(models.spa(), settings);
             SpaPredictor clickP = (fair ? models.clickWithoutR4() : models.click()).newPredictor()) {
            for (int i = 0; i < test.size(); i++) {
                MultiRaterSample sample = test.get(i);
                SplittableRandom random = new SplittableRandom(Seeds.mix(settings.seed(), 0x4E1D, i));
                BinaryMask target = sample.raterMasks().get(rater);
                Click initial = TrainingInputs.initialClick(sample, random);
                ModelImage image = ModelImage.of(sample);
                long sessionSeed = Seeds.mix(settings.seed(), i, 2);
                unseen.add(Simulator.spa(withoutP, image, target, initial, null, settings.rounds(), sessionSeed));
                full.add(Simulator.spa(fullP, image, target, initial, null, settings.rounds(), sessionSeed));
                click.add(Simulator.clicks(clickP, image, target, initial, settings.rounds()));
            }
        }
        return new HeldOut(panel.raters().get(rater).id(), List.of(unseen, full, click));
    }

    /**
     * For each rater and sequence: {@code profileStudies} consecutive test images with that rater's own mask as the
     * preference. Cold: every study starts from pi_init. Carried: study j starts from the mean of the approval
     * estimates of studies 1..j-1 (the clinician's profile).
     */
    static ProfileResult profile(SpaModel spa, List<MultiRaterSample> test, Settings settings) {
        int studies = settings.profileStudies();
        int raters = test.get(0).raterCount();
        int sequences = Math.max(1, Math.min(settings.profileSequences(), test.size() / studies));
        double[] cold = new double[studies];
        double[] carried = new double[studies];
        double[] coldDice = new double[studies];
        double[] carriedDice = new double[studies];
        int runs = raters * sequences;
        List<RaterOutcome> byRater = new ArrayList<>();
        try (SpaPredictor predictor = predictor(spa, settings)) {
            int m = predictor.model().config().components();
            for (int rater = 0; rater < raters; rater++) {
                double[] outcome = new double[4];
                for (int s = 0; s < sequences; s++) {
                    float[] sum = new float[m];
                    for (int j = 0; j < studies; j++) {
                        MultiRaterSample sample = test.get(s * studies + j);
                        SplittableRandom random = new SplittableRandom(Seeds.mix(settings.seed(), 0x9F0, rater, s, j));
                        BinaryMask target = sample.raterMasks().get(rater);
                        Click initial = TrainingInputs.initialClick(sample, random);
                        ModelImage image = ModelImage.of(sample);
                        long seed = Seeds.mix(settings.seed(), 3, rater, s, j);
                        SimulatedRun coldRun = Simulator.spa(predictor, image, target, initial, null,
                                settings.rounds(), seed);
                        float[] prior = null;
                        if (j > 0) {
                            prior = new float[m];
                            for (int c = 0; c < m; c++) {
                                prior[c] = sum[c] / j;
                            }
                        }
                        SimulatedRun carriedRun = Simulator.spa(predictor, image, target, initial, prior,
                                settings.rounds(), seed);
                        for (int c = 0; c < m; c++) {
                            sum[c] += carriedRun.profile()[c];
                        }
                        double threshold = settings.profileThreshold();
                        cold[j] += coldRun.iterationsToReach(threshold, MethodResults.FAILURE_ITERATIONS) / runs;
                        carried[j] += carriedRun.iterationsToReach(threshold, MethodResults.FAILURE_ITERATIONS) / runs;
                        coldDice[j] += coldRun.dice()[0] / runs;
                        carriedDice[j] += carriedRun.dice()[0] / runs;
                        if (j == studies - 1) {
                            outcome[0] += coldRun.iterationsToReach(threshold, MethodResults.FAILURE_ITERATIONS)
                                    / sequences;
                            outcome[1] += carriedRun.iterationsToReach(threshold, MethodResults.FAILURE_ITERATIONS)
                                    / sequences;
                        }
                        outcome[2] += coldRun.dice()[settings.rounds() - 1] / (sequences * studies);
                        outcome[3] += carriedRun.dice()[settings.rounds() - 1] / (sequences * studies);
                    }
                }
                byRater.add(new RaterOutcome(outcome[0], outcome[1], outcome[2], outcome[3]));
            }
        }
        LOG.info(String.format(Locale.ROOT, "profile: study %d needs %.2f iterations carried, %.2f cold", studies,
                carried[studies - 1], cold[studies - 1]));
        return new ProfileResult(settings.profileThreshold(), cold, carried, coldDice, carriedDice, runs, byRater);
    }
}
