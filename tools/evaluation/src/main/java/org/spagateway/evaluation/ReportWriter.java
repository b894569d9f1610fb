package org.spagateway.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.spagateway.spa.model.simulation.SimulatedRun;

/** Writes the evaluation report: Markdown, PNG plots and the per-image CSVs. */
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
          .append("15 non-empty subsets of the 4 raters, averaged and binarised at >= 0.5 (stored per image in ")
          .append("`preferences-<task>.csv`); the initial click uniformly where all raters agree; 6 rounds; the ")
          .append("simulated SPA user picks the candidate whose centroid is nearest the preference (L2) and the ")
          .append("fed-back point is labelled from the preference; Dice of the recommended mask per round; an image ")
          .append("that never reaches a threshold counts as 10 iterations. Baselines, same backbone and training ")
          .append("data: (a) deterministic: no z, no clicks; (b) click-based: no z, each round a click at the centre ")
          .append("of the largest error region; (c) SPA with theta frozen: the SPA weights, candidates every round, ")
          .append("nothing fed back.\n\n");
        for (TaskEvaluation.Result r : results) {
            task(md, dir, r);
        }
        Files.writeString(dir.resolve("README.md"), md.toString());
    }

    private static void task(StringBuilder md, Path dir, TaskEvaluation.Result r) throws IOException {
        TaskEvaluation.Settings s = r.settings();
        double[] thresholds = s.thresholds();
        List<MethodResults> methods = r.methods();
        MethodResults spa = methods.get(0);
        MethodResults frozen = methods.get(1);
        MethodResults click = methods.get(2);
        md.append("## Task `").append(r.task()).append("`\n\n");
        md.append(String.format(Locale.ROOT, "%d test images (split %s, data seed %d), %d rounds, seed %d; %.0f s.%n%n",
                s.testImages(), s.split(), s.dataSeed(), s.rounds(), s.seed(), r.seconds()));

        md.append("### Dice of the output per round\n\n| method |");
        for (int i = 1; i <= s.rounds(); i++) {
            md.append(" round ").append(i).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(s.rounds())).append("\n");
        for (MethodResults m : methods) {
            md.append("| ").append(m.method()).append(" |").append(row(m.meanDice(), "%.4f")).append("\n");
        }
        md.append("\n![Dice vs round](dice-vs-round-").append(r.task()).append(".png)\n\n");

        md.append("### Mean iterations to reach a Dice threshold (failures count 10)\n\n| method |");
        for (double t : thresholds) {
            md.append(String.format(Locale.ROOT, " %.2f |", t));
        }
        md.append("\n|---|").append("---|".repeat(thresholds.length)).append("\n");
        for (MethodResults m : methods) {
            md.append("| ").append(m.method()).append(" |").append(row(m.meanIterations(thresholds), "%.2f")).append("\n");
        }
        double[] ratio = divide(spa.meanIterations(thresholds), click.meanIterations(thresholds));
        md.append("| SPA / click |").append(row(ratio, "%.2f")).append("\n");
        md.append("\n![iterations vs threshold](iterations-vs-threshold-").append(r.task()).append(".png)\n\n");

        md.append("### Failure rate (never reaches the threshold in ").append(s.rounds()).append(" rounds)\n\n| method |");
        for (double t : thresholds) {
            md.append(String.format(Locale.ROOT, " %.2f |", t));
        }
        md.append("\n|---|").append("---|".repeat(thresholds.length)).append("\n");
        for (MethodResults m : methods) {
            md.append("| ").append(m.method()).append(" |").append(row(percent(m.failureRates(thresholds)), "%.1f%%"))
              .append("\n");
        }

        md.append("\n### Dice gain per round (Supp. Table 4)\n\n| method |");
        for (int i = 1; i < s.rounds(); i++) {
            md.append(" ").append(i).append("->").append(i + 1).append(" |");
        }
        md.append(" overall 1->").append(s.rounds()).append(" |\n|---|").append("---|".repeat(s.rounds())).append("\n");
        for (MethodResults m : methods) {
            double[] d = m.meanDice();
            md.append("| ").append(m.method()).append(" |").append(row(m.gains(), "%+.4f"))
              .append(String.format(Locale.ROOT, " %+.4f |", d[d.length - 1] - d[0])).append("\n");
        }

        md.append("\n### Median pairwise Dice between the K candidates\n\n| method |");
        for (int i = 1; i <= s.rounds(); i++) {
            md.append(" round ").append(i).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(s.rounds())).append("\n");
        md.append("| SPA |").append(row(spa.candidateSimilarity(), "%.4f")).append("\n");
        md.append("| SPA, theta frozen |").append(row(frozen.candidateSimilarity(), "%.4f")).append("\n");
        md.append(String.format(Locale.ROOT, "%nThe L2-nearest candidate (the paper's simulated user) was also the "
                + "highest-Dice candidate in %.1f%% of SPA's choices.%n%n", 100 * spa.choiceAgreement()));

        goals(md, r, spa, frozen, click);

        if (r.diagonal() != null) {
            md.append("### Per-rater models against every rater (Supp. Table 1)\n\n");
            md.append("Deterministic models on the same backbone, each trained on one rater only; mean Dice on the test ")
              .append("images against each rater's masks. The property SPA relies on holds when each row peaks on ")
              .append("its own rater.\n\n| model \\ rater |");
            for (String id : r.raterIds()) {
                md.append(" ").append(id).append(" |");
            }
            md.append("\n|---|").append("---|".repeat(r.raterIds().size())).append("\n");
            int dominant = 0;
            for (int k = 0; k < r.diagonal().length; k++) {
                md.append("| trained on ").append(r.raterIds().get(k)).append(" |");
                int best = 0;
                for (int j = 0; j < r.diagonal()[k].length; j++) {
                    if (r.diagonal()[k][j] > r.diagonal()[k][best]) {
                        best = j;
                    }
                }
                dominant += best == k ? 1 : 0;
                for (int j = 0; j < r.diagonal()[k].length; j++) {
                    String cell = String.format(Locale.ROOT, "%.2f", 100 * r.diagonal()[k][j]);
                    md.append(" ").append(j == k ? "**" + cell + "**" : cell).append(" |");
                }
                md.append("\n");
            }
            md.append(String.format(Locale.ROOT, "%n%d of %d rows peak on their own rater.%n%n", dominant,
                    r.diagonal().length));
        }

        if (r.heldOut() != null) {
            md.append("### A rater held out of training (Supp. Table 3)\n\n");
            md.append("Preference = rater ").append(r.heldOut().rater()).append("'s own mask on every test image.\n\n");
            md.append("| method | Dice round 1 | Dice round ").append(s.rounds()).append(" |");
            for (double t : thresholds) {
                md.append(String.format(Locale.ROOT, " it. %.2f |", t));
            }
            md.append("\n|---|---|---|").append("---|".repeat(thresholds.length)).append("\n");
            for (MethodResults m : r.heldOut().methods()) {
                double[] d = m.meanDice();
                md.append("| ").append(m.method()).append(String.format(Locale.ROOT, " | %.4f | %.4f |", d[0],
                        d[d.length - 1])).append(row(m.meanIterations(thresholds), "%.2f")).append("\n");
            }
            md.append("\n");
        }

        TaskEvaluation.ProfileResult p = r.profile();
        if (p != null) {
            profile(md, r, p);
        }
        plots(dir, r);
        csv(dir, r);
    }

    private static void profile(StringBuilder md, TaskEvaluation.Result r, TaskEvaluation.ProfileResult p) {
        md.append("### Profile carried from study to study (beyond the paper)\n\n");
        md.append(String.format(Locale.ROOT, "Each of the %d raters works through sequences of %d test studies with "
                + "their own mask as the preference (%d sequences in all). Cold: every study starts from pi_init. "
                + "Carried: study j starts from the mean approval estimate of studies 1..j-1. Iterations to reach "
                + "Dice %.2f.%n%n", r.raterIds().size(), p.coldIterations().length, p.sequences(), p.threshold()));
        md.append("| study |");
        for (int j = 1; j <= p.coldIterations().length; j++) {
            md.append(" ").append(j).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(p.coldIterations().length)).append("\n");
        md.append("| iterations, cold |").append(row(p.coldIterations(), "%.2f")).append("\n");
        md.append("| iterations, carried |").append(row(p.carriedIterations(), "%.2f")).append("\n");
        md.append("| Dice round 1, cold |").append(row(p.coldFirstRoundDice(), "%.4f")).append("\n");
        md.append("| Dice round 1, carried |").append(row(p.carriedFirstRoundDice(), "%.4f")).append("\n\n");
        int last = p.coldIterations().length;
        md.append(String.format(Locale.ROOT, "By rater: iterations at study %d, and the Dice in round %d averaged over "
                + "all of the rater's studies (a rater the model cannot reach counts 10 either way).%n%n", last,
                r.settings().rounds()));
        md.append(String.format(Locale.ROOT, "| rater | iterations study %d, cold | carried | Dice round %d, cold "
                + "| carried |%n|---|---|---|---|---|%n", last, r.settings().rounds()));
        for (int k = 0; k < p.byRater().size(); k++) {
            TaskEvaluation.RaterOutcome o = p.byRater().get(k);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.4f | %.4f |%n", r.raterIds().get(k),
                    o.coldIterations(), o.carriedIterations(), o.coldLastRoundDice(), o.carriedLastRoundDice()));
        }
        md.append("\n");
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

    private static void goals(StringBuilder md, TaskEvaluation.Result r, MethodResults spa, MethodResults frozen,
                              MethodResults click) {
        double[] t = r.settings().thresholds();
        int n = t.length;
        double[] spaIt = spa.meanIterations(t);
        double[] clickIt = click.meanIterations(t);
        double[] spaFail = spa.failureRates(t);
        double[] clickFail = click.failureRates(t);
        double[] sd = spa.meanDice();
        double[] cd = click.meanDice();
        double[] fd = frozen.meanDice();
        double spaGain = sd[sd.length - 1] - sd[0];
        double clickGain = cd[cd.length - 1] - cd[0];
        md.append("### Goals (issue 3)\n\n| goal | measured | met |\n|---|---|---|\n");
        for (int i = n - 2; i < n; i++) {
            goal(md, String.format(Locale.ROOT, "SPA iterations <= 0.6 x click at Dice %.2f", t[i]),
                    String.format(Locale.ROOT, "%.2f vs %.2f (ratio %.2f)", spaIt[i], clickIt[i], spaIt[i] / clickIt[i]),
                    spaIt[i] <= 0.6 * clickIt[i]);
        }
        for (int i = n - 2; i < n; i++) {
            goal(md, String.format(Locale.ROOT, "SPA failure rate <= 0.5 x click at Dice %.2f", t[i]),
                    String.format(Locale.ROOT, "%.1f%% vs %.1f%%", 100 * spaFail[i], 100 * clickFail[i]),
                    spaFail[i] <= 0.5 * clickFail[i]);
        }
        goal(md, "SPA Dice gain round 1->6 >= 2 x click's",
                String.format(Locale.ROOT, "%+.4f vs %+.4f", spaGain, clickGain),
                spaGain >= 2 * clickGain && spaGain > 0);
        goal(md, "SPA beats SPA-frozen (Dice in the last round)",
                String.format(Locale.ROOT, "%.4f vs %.4f", sd[sd.length - 1], fd[fd.length - 1]),
                sd[sd.length - 1] > fd[fd.length - 1]);
        TaskEvaluation.ProfileResult p = r.profile();
        if (p != null) {
            int last = p.carriedIterations().length - 1;
            goal(md, String.format(Locale.ROOT, "carried profile: study %d <= 0.6 x cold iterations (Dice %.2f)",
                    last + 1, p.threshold()), String.format(Locale.ROOT, "%.2f vs %.2f", p.carriedIterations()[last],
                    p.coldIterations()[last]), p.carriedIterations()[last] <= 0.6 * p.coldIterations()[last]);
        }
        reachable(md, spa.iterationFloor(t), clickIt, t, sd[0], clickGain);
    }

    /**
     * What the protocol allows at all: round 1 comes before any feedback, so SPA's round-1 Dice bounds its
     * iterations from below and its gain from above, whatever the interaction does afterwards.
     */
    private static void reachable(StringBuilder md, double[] floor, double[] clickIt, double[] t, double spaRoundOne,
                                  double clickGain) {
        int n = t.length;
        md.append("\nReachable at all with SPA's own round 1 (before any feedback; every image below the threshold in "
                + "round 1 reaching it in round 2 at best):");
        for (int i = n - 2; i < n; i++) {
            md.append(String.format(Locale.ROOT, " at Dice %.2f at least %.2f iterations (the goal asks <= %.2f);",
                    t[i], floor[i], 0.6 * clickIt[i]));
        }
        md.append(String.format(Locale.ROOT, " a Dice gain of at most 1 - %.4f = %.4f (the goal asks >= %.4f).%n%n",
                spaRoundOne, 1 - spaRoundOne, 2 * clickGain));
    }

    private static void goal(StringBuilder md, String goal, String measured, boolean met) {
        md.append("| ").append(goal).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**")
          .append(" |\n");
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
            List<SimulatedRun> runs = m.runs();
            for (int i = 0; i < runs.size(); i++) {
                perImage.append(i).append(",\"").append(m.method()).append('"');
                for (double d : runs.get(i).dice()) {
                    perImage.append(String.format(Locale.ROOT, ",%.5f", d));
                }
                perImage.append('\n');
            }
        }
        Files.writeString(dir.resolve("per-image-" + r.task() + ".csv"), perImage.toString());
    }

    static String row(double[] values, String format) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(' ').append(Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v)).append(" |");
        }
        return sb.toString();
    }

    private static double[] divide(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / b[i];
        }
        return out;
    }

    private static double[] percent(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = 100 * values[i];
        }
        return out;
    }
}
