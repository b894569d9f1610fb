package org.spagateway.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spagateway.spa.model.InferenceRecipe;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Task;
import org.spagateway.spa.model.simulation.SimulatedRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
                new double[] {AlignmentGoals.GOAL_DICE}, dataSeed, seed, profileSequences, 10,
                AlignmentGoals.GOAL_PROFILE_DICE, MultiRaterGenerator.Split.VALIDATION, null);
        List<String> rows = new ArrayList<>();
        MethodResults reference = null;
        try (SpaModel spa = SpaModel.load(model)) {
            for (String text : recipes) {
                InferenceRecipe recipe = InferenceRecipe.parse(text);
                long start = System.nanoTime();
                TaskEvaluation.Settings settings = base.withRecipe(recipe);
                MethodResults results = TaskEvaluation.spaArm(panel, spa, settings);
                TaskEvaluation.ProfileResult profile = profileSequences == 0 ? null
                        : TaskEvaluation.profile(spa, TaskEvaluation.images(panel, settings), settings);
                reference = reference == null ? results : reference;
                rows.add(row(text, results, reference, profile));
                LOG.info("{}: {} ({} s)", text, rows.get(rows.size() - 1),
                        Math.round((System.nanoTime() - start) / 1e9));
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table(panel, rows));
        return 0;
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
        return String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.2f | %.2f (%.2f-%.2f) | %.1f%% | %s | %s |", recipe,
                dice[0], dice[dice.length - 1], mean(results, LeverSweep::iterations), ratio.value(), ratio.low(),
                ratio.high(), 100 * mean(results, r -> r.reaches(AlignmentGoals.GOAL_DICE) ? 0 : 1), perRater,
                carried);
    }

    private static double iterations(SimulatedRun run) {
        return run.iterationsToReach(AlignmentGoals.GOAL_DICE, MethodResults.FAILURE_ITERATIONS);
    }

    private static double mean(MethodResults results, java.util.function.ToDoubleFunction<SimulatedRun> value) {
        return results.runs().stream().mapToDouble(value).average().orElse(Double.NaN);
    }

}
