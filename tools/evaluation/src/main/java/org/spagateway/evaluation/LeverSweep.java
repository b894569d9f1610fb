package org.spagateway.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
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
import org.spagateway.spa.model.data.Task;
import org.spagateway.spa.model.simulation.SimulatedRun;
import org.spagateway.spa.model.simulation.Simulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Command line: issue 17's inference-time levers ({@link InferenceRecipe}) compared on the VALIDATION split with
 * one set of SPA weights, SPA's own figures only (no baselines needed): the uniform-subset sessions of the report's
 * protocol, and the single-rater profile sessions (G4, G5). Each recipe is compared with the first one (the paper's,
 * unless told otherwise) over the same images, with a paired bootstrap interval. Writes one Markdown table.
 */
@Command(name = "spa-levers", mixinStandardHelpOptions = true,
        description = "Compares inference recipes of one SPA model on the validation split (synthetic data).")
public final class LeverSweep implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(LeverSweep.class);
    private static final int PROFILE_STUDIES = 10;

    @Option(names = "--task", required = true)
    String task;
    @Option(names = "--model", required = true, description = "the SPA weights (.params, with its .json beside)")
    Path model;
    @Option(names = "--recipes", required = true, split = ";", description = "recipes as posteriorWeight,"
            + "piSharpness,recommendationSharpness separated by ';'; the first is what the others are compared with")
    List<String> recipes;
    @Option(names = "--images", defaultValue = "40")
    int images;
    @Option(names = "--profile-sequences", defaultValue = "2", description = "10-study sequences per rater")
    int profileSequences;
    @Option(names = "--data-seed", defaultValue = "1")
    long dataSeed;
    @Option(names = "--seed", defaultValue = "7")
    long seed;
    @Option(names = "--out", required = true, description = "the Markdown file to write")
    Path out;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", "spa-model-logback.xml");
        System.exit(new CommandLine(new LeverSweep()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        RaterPanel panel = RaterPanel.defaults(Task.fromId(task));
        TaskEvaluation.Settings base = new TaskEvaluation.Settings(images, AlignmentGoals.GOAL_ROUND,
                new double[] {AlignmentGoals.GOAL_DICE}, dataSeed, seed, profileSequences, PROFILE_STUDIES,
                AlignmentGoals.GOAL_PROFILE_DICE, MultiRaterGenerator.Split.VALIDATION, null);
        List<InferenceRecipe> parsed = new ArrayList<>();
        for (String text : recipes) {
            try {
                parsed.add(InferenceRecipe.parse(text));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--recipes " + text + ": "
                        + e.getMessage());
            }
        }
        if (profileSequences > 0 && images < PROFILE_STUDIES) {
            throw new CommandLine.ParameterException(spec.commandLine(), "profile sequences need --images >= "
                    + PROFILE_STUDIES + " (or --profile-sequences 0)");
        }
        List<String> rows = new ArrayList<>();
        MethodResults reference = null;
        try (SpaModel spa = SpaModel.load(model)) {
            for (int r = 0; r < parsed.size(); r++) {
                long start = System.nanoTime();
                TaskEvaluation.Settings settings = base.withRecipe(parsed.get(r));
                MethodResults results = spaArm(panel, spa, settings);
                TaskEvaluation.ProfileResult profile = profileSequences == 0 ? null
                        : TaskEvaluation.profile(spa, TaskEvaluation.images(panel, settings), settings);
                reference = reference == null ? results : reference;
                rows.add(row(recipes.get(r), results, reference, profile));
                LOG.info("{}: {} ({} s)", recipes.get(r), rows.get(rows.size() - 1),
                        Math.round((System.nanoTime() - start) / 1e9));
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table(panel, rows));
        return 0;
    }

    /**
     * SPA alone on the split's images, with the same preferences, initial clicks and session seeds as
     * {@link TaskEvaluation#run} gives it: what the sweep compares recipes on.
     */
    static MethodResults spaArm(RaterPanel panel, SpaModel spa, TaskEvaluation.Settings settings) {
        List<MultiRaterSample> test = TaskEvaluation.images(panel, settings);
        MethodResults results = new MethodResults(ComparedMethod.SPA.label());
        try (SpaPredictor predictor = TaskEvaluation.predictor(spa, settings)) {
            for (int i = 0; i < test.size(); i++) {
                MultiRaterSample sample = test.get(i);
                SplittableRandom random = new SplittableRandom(Seeds.mix(settings.seed(), i));
                BinaryMask target = Preferences.uniformSubset(sample, random).mask();
                Click initial = TrainingInputs.initialClick(sample, random);
                results.add(Simulator.spa(predictor, ModelImage.of(sample), target, initial, null, settings.rounds(),
                        Seeds.mix(settings.seed(), i, 1)));
            }
        }
        return results;
    }

    private String table(RaterPanel panel, List<String> rows) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Synthetic data. %s, VALIDATION split, %d images (data seed %d, seed %d), "
                + "model %s; profile sessions: %d sequence(s) of 10 studies per rater (raters %s).%n%n", task, images,
                dataSeed, seed, model.getFileName(), profileSequences,
                String.join(", ", panel.raters().stream().map(r -> r.id()).toList())));
        md.append("| recipe (w, a, b) | Dice r1 | Dice r6 | it. 0.97 | ratio to the first (95% CI) | fail 0.97 "
                + "| round-6 Dice per rater, cold | carried / cold it. 0.95, study 10 |\n|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        return md.toString();
    }

    private static String row(String recipe, MethodResults results, MethodResults reference,
                              TaskEvaluation.ProfileResult profile) {
        double[] dice = results.meanDice();
        PairedBootstrap.Ratio ratio = PairedBootstrap.ratio(results, reference, LeverSweep::iterations);
        StringBuilder perRater = new StringBuilder();
        String carried = "";
        if (profile != null) {
            for (TaskEvaluation.RaterOutcome outcome : profile.byRater()) {
                perRater.append(perRater.isEmpty() ? "" : " / ")
                        .append(String.format(Locale.ROOT, "%.3f", outcome.coldLastRoundDice()));
            }
            int last = profile.carriedIterations().length - 1;
            carried = String.format(Locale.ROOT, "%.2f / %.2f", profile.carriedIterations()[last],
                    profile.coldIterations()[last]);
        }
        return String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.2f | %s | %.1f%% | %s | %s |", recipe, dice[0],
                dice[dice.length - 1], mean(results, LeverSweep::iterations), ratio.withInterval(),
                100 * mean(results, r -> r.reaches(AlignmentGoals.GOAL_DICE) ? 0 : 1), perRater, carried);
    }

    private static double iterations(SimulatedRun run) {
        return run.iterationsToReach(AlignmentGoals.GOAL_DICE, MethodResults.FAILURE_ITERATIONS);
    }

    private static double mean(MethodResults results, ToDoubleFunction<SimulatedRun> value) {
        return results.runs().stream().mapToDouble(value).average().orElse(Double.NaN);
    }

}
