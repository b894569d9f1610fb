package org.spagateway.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.spagateway.spa.model.simulation.SimulatedRun;

/** Writes the evaluation report: Markdown (one {@link TaskReport} per task), PNG plots and the per-image CSVs. */
public final class ReportWriter {

    private ReportWriter() {
    }

    public static void write(Path dir, List<TaskEvaluation.Result> results, String command, String machine)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder();
        md.append("# SPA evaluation on synthetic multi-rater data\n\n");
        md.append("**All data here is synthetic**: phantom images (`phantoms` module) and simulated raters with\n")
          .append("consistent personal styles (`spa-model` rater panels). Nothing here is a statement about real\n")
          .append("images or real clinicians; it shows that the mechanism works as implemented, against baselines\n")
          .append("on the same backbone and data, in one run.\n\n");
        md.append("Produced by:\n\n```bash\n").append(command).append("\n```\n\n").append(machine).append("\n\n");
        md.append("Protocol (the paper's, SPA-NOTES.md section 4): per test image a rater subset drawn uniformly from the ")
          .append("non-empty subsets of the task's raters (15 of a 4-rater panel), averaged and binarised at >= 0.5: ")
          .append("a pixel is in the preference when at least half of the subset's raters include it, so a tie (1 of ")
          .append("2, 2 of 4 raters) counts as foreground (stored per image in `preferences-<task>.csv`); the ")
          .append("initial click uniformly where all raters agree; 6 rounds; the ")
          .append("simulated SPA user picks the candidate whose centroid is nearest the preference (L2) and the ")
          .append("fed-back point is labelled from the preference; Dice of the recommended mask per round; an image ")
          .append("that never reaches a threshold counts as 10 iterations. Baselines, same backbone and training ")
          .append("data: (a) deterministic: no z, no clicks; (b) click-based: no z, each round a click at the centre ")
          .append("of the largest error region; (c) SPA with theta frozen: the SPA weights, candidates every round, ")
          .append("nothing fed back; (d) SPA with the points fed back but pi frozen: the SPA user's choices and ")
          .append("fed-back points, the pi-MLP's input kept at round 1's (SPA against (d) is what the pi update, ")
          .append("preference alignment itself, adds beyond the clicks). Each run's Dice per round is in ")
          .append("`per-image-<task>.csv`; the held-out-rater experiment's rows there are named `held-out <rater>: ")
          .append("<method>` (that rater's own mask is their preference).\n\n");
        for (TaskEvaluation.Result r : results) {
            md.append(TaskReport.markdown(r));
            plots(dir, r);
            csv(dir, r);
        }
        Files.writeString(dir.resolve("README.md"), md.toString());
    }

    private static void plots(Path dir, TaskEvaluation.Result r) throws IOException {
        TaskEvaluation.Settings s = r.settings();
        double[] thresholds = s.thresholds();
        List<MethodResults> methods = r.methods();
        double[] rounds = new double[s.rounds()];
        for (int i = 0; i < rounds.length; i++) {
            rounds[i] = i + 1;
        }
        LinePlot dice = new LinePlot("Dice vs round, " + r.task() + " (synthetic)", "round", "mean Dice", rounds);
        LinePlot iterations = new LinePlot("Iterations to reach Dice, " + r.task() + " (synthetic)",
                "Dice threshold", "mean iterations (failure = 10)", thresholds);
        for (MethodResults m : methods) {
            dice.add(m.method(), m.meanDice());
            iterations.add(m.method(), m.meanIterations(thresholds));
        }
        dice.write(dir.resolve("dice-vs-round-" + r.task() + ".png"));
        iterations.write(dir.resolve("iterations-vs-threshold-" + r.task() + ".png"));
    }

    private static void csv(Path dir, TaskEvaluation.Result r) throws IOException {
        StringBuilder prefs = new StringBuilder("index,phantom_seed,raters,initial_x,initial_y,initial_positive,preference_area\n");
        for (TaskEvaluation.TestCase c : r.cases()) {
            prefs.append(c.index()).append(',').append(c.phantomSeed()).append(',')
                 .append(c.raters().stream().map(i -> r.raterIds().get(i)).collect(Collectors.joining("+")))
                 .append(',').append(c.initial().x()).append(',').append(c.initial().y()).append(',')
                 .append(c.initial().positive()).append(',').append(c.preferenceArea()).append('\n');
        }
        Files.writeString(dir.resolve("preferences-" + r.task() + ".csv"), prefs.toString());
        StringBuilder perImage = new StringBuilder("index,method");
        int rounds = r.settings().rounds();
        for (int i = 1; i <= rounds; i++) {
            perImage.append(",dice_round_").append(i);
        }
        perImage.append('\n');
        for (MethodResults m : r.methods()) {
            perImageRows(perImage, m.method(), m);
        }
        if (r.heldOut() != null) {
            for (MethodResults m : r.heldOut().methods()) {
                perImageRows(perImage, "held-out " + r.heldOut().rater() + ": " + m.method(), m);
            }
        }
        Files.writeString(dir.resolve("per-image-" + r.task() + ".csv"), perImage.toString());
    }

    private static void perImageRows(StringBuilder csv, String method, MethodResults m) {
        List<SimulatedRun> runs = m.runs();
        for (int i = 0; i < runs.size(); i++) {
            csv.append(i).append(",\"").append(method).append('"');
            for (double d : runs.get(i).dice()) {
                csv.append(String.format(Locale.ROOT, ",%.5f", d));
            }
            csv.append('\n');
        }
    }
}
