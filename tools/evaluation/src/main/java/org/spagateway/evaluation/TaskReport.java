package org.spagateway.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spagateway.spa.model.InferenceRecipe;

/**
 * The Markdown of one task in the evaluation report, one method per section in report order; the compared methods
 * are looked up by name ({@link ComparedMethod}), the tables list them in the order of the results.
 */
final class TaskReport {

    private final TaskEvaluation.Result result;
    private final int rounds;
    private final double[] thresholds;
    private final MethodResults spa;
    private final MethodResults frozen;
    private final MethodResults click;
    private final StringBuilder md = new StringBuilder();

    private TaskReport(TaskEvaluation.Result result) {
        this.result = result;
        this.rounds = result.settings().rounds();
        this.thresholds = result.settings().thresholds();
        this.spa = result.results(ComparedMethod.SPA);
        this.frozen = result.results(ComparedMethod.SPA_THETA_FROZEN);
        this.click = result.results(ComparedMethod.CLICK);
    }

    static String markdown(TaskEvaluation.Result result) {
        TaskReport report = new TaskReport(result);
        report.summary();
        new AlignmentGoals(result).appendTo(report.md);
        report.dicePerRound();
        report.iterationsToThreshold();
        report.failureRates();
        report.gainPerRound();
        report.candidateSimilarity();
        new GoalsSection(result, report.spa, report.frozen, report.click).appendTo(report.md);
        if (result.diagonal() != null) {
            report.perRaterModels();
        }
        if (result.heldOut() != null) {
            report.heldOutRater();
        }
        if (result.profile() != null) {
            report.carriedProfile(result.profile());
        }
        return report.md.toString();
    }

    private void summary() {
        TaskEvaluation.Settings s = result.settings();
        md.append("## Task `").append(result.task()).append("`\n\n");
        md.append(String.format(Locale.ROOT, "%d test images (split %s, data seed %d), %d rounds, seed %d; %.0f s. "
                        + "Preferences from %s.", s.testImages(), s.split(), s.dataSeed(), s.rounds(), s.seed(),
                result.seconds(), result.panel()));
        if (s.recipe() != null) {
            md.append(" SPA's rounds (every SPA arm): ").append(s.recipe().equals(InferenceRecipe.PAPER)
                    ? "the paper's recipe" : "inference recipe " + s.recipe()).append(" (spa-model `InferenceRecipe`).");
        }
        if (!result.shippedPanel()) {
            md.append(" The per-rater and held-out-rater experiments are left out: their models are trained on the "
                    + "shipped panel's raters (`tools/evaluation/train-models.sh`), not on these.");
        }
        md.append("\n\n");
    }

    private void dicePerRound() {
        md.append("### Dice of the output per round\n\n");
        header("method", roundColumns());
        for (MethodResults m : result.methods()) {
            row(m.method(), cells(m.meanDice(), "%.4f"));
        }
        md.append("\n![Dice vs round](dice-vs-round-").append(result.task()).append(".png)\n\n");
    }

    private void iterationsToThreshold() {
        md.append("### Mean iterations to reach a Dice threshold (failures count 10)\n\n");
        header("method", thresholdColumns(""));
        for (MethodResults m : result.methods()) {
            row(m.method(), cells(m.meanIterations(thresholds), "%.2f"));
        }
        double[] ratio = divide(spa.meanIterations(thresholds), click.meanIterations(thresholds));
        row("SPA / click", cells(ratio, "%.2f"));
        md.append("\n![iterations vs threshold](iterations-vs-threshold-").append(result.task()).append(".png)\n\n");
    }

    private void failureRates() {
        md.append("### Failure rate (never reaches the threshold in ").append(rounds).append(" rounds)\n\n");
        header("method", thresholdColumns(""));
        for (MethodResults m : result.methods()) {
            row(m.method(), cells(percent(m.failureRates(thresholds)), "%.1f%%"));
        }
    }

    /** Supp. Table 4: the Dice gained from each round to the next, and over all rounds. */
    private void gainPerRound() {
        md.append("\n### Dice gain per round (Supp. Table 4)\n\n");
        List<String> columns = new ArrayList<>();
        for (int i = 1; i < rounds; i++) {
            columns.add(i + "->" + (i + 1));
        }
        columns.add("overall 1->" + rounds);
        header("method", columns);
        for (MethodResults m : result.methods()) {
            double[] d = m.meanDice();
            row(m.method(), cells(m.gains(), "%+.4f") + String.format(Locale.ROOT, " %+.4f |", d[d.length - 1] - d[0]));
        }
    }

    /** Only the methods that produce K candidates; then how often the paper's simulated user picks the best one. */
    private void candidateSimilarity() {
        md.append("\n### Median pairwise Dice between the K candidates\n\n");
        header("method", roundColumns());
        row(spa.method(), cells(spa.candidateSimilarity(), "%.4f"));
        row(frozen.method(), cells(frozen.candidateSimilarity(), "%.4f"));
        md.append(String.format(Locale.ROOT, "%nThe L2-nearest candidate (the paper's simulated user) was also the "
                + "highest-Dice candidate in %.1f%% of SPA's choices.%n%n", 100 * spa.choiceAgreement()));
    }

    /** Supp. Table 1: single-rater deterministic models against every rater, each row's own rater in bold. */
    private void perRaterModels() {
        double[][] diagonal = result.diagonal();
        List<String> raterIds = result.raterIds();
        md.append("### Per-rater models against every rater (Supp. Table 1)\n\n");
        md.append("Deterministic models on the same backbone, each trained on one rater only; mean Dice on the test ")
          .append("images against each rater's masks. The property SPA relies on holds when each row peaks on ")
          .append("its own rater.\n\n");
        header("model \\ rater", raterIds);
        int dominant = 0;
        for (int k = 0; k < diagonal.length; k++) {
            dominant += peak(diagonal[k]) == k ? 1 : 0;
            StringBuilder cells = new StringBuilder();
            for (int j = 0; j < diagonal[k].length; j++) {
                String cell = String.format(Locale.ROOT, "%.2f", 100 * diagonal[k][j]);
                cells.append(" ").append(j == k ? "**" + cell + "**" : cell).append(" |");
            }
            row("trained on " + raterIds.get(k), cells.toString());
        }
        md.append(String.format(Locale.ROOT, "%n%d of %d rows peak on their own rater.%n%n", dominant,
                diagonal.length));
    }

    /** Supp. Table 3: a rater held out of training, its own mask as the preference. */
    private void heldOutRater() {
        TaskEvaluation.HeldOut heldOut = result.heldOut();
        md.append("### A rater held out of training (Supp. Table 3)\n\n");
        md.append("Preference = rater ").append(heldOut.rater()).append("'s own mask on every test image.\n\n");
        List<String> columns = new ArrayList<>(List.of("Dice round 1", "Dice round " + rounds));
        columns.addAll(thresholdColumns("it. "));
        header("method", columns);
        for (MethodResults m : heldOut.methods()) {
            double[] d = m.meanDice();
            row(m.method(), String.format(Locale.ROOT, " %.4f | %.4f |", d[0], d[d.length - 1])
                    + cells(m.meanIterations(thresholds), "%.2f"));
        }
        MethodResults unseen = heldOut.methods().get(0);
        MethodResults clicks = heldOut.methods().get(heldOut.methods().size() - 1);
        StringBuilder ratios = new StringBuilder();
        for (int round : new int[] {1, rounds}) {
            ratios.append(' ').append(PairedBootstrap.ratio(unseen, clicks, run -> 1 - run.dice()[round - 1])
                    .withInterval()).append(" |");
        }
        for (double threshold : thresholds) {
            ratios.append(' ').append(PairedBootstrap.ratio(unseen, clicks,
                    run -> run.iterationsToReach(threshold, MethodResults.FAILURE_ITERATIONS)).withInterval())
                    .append(" |");
        }
        row("ratio, first to last row", ratios.toString());
        md.append(String.format(Locale.ROOT, "%nThe last row: \"%s\" to \"%s\" over the same %d test images, with "
                + "the paired bootstrap 95%% interval; in the Dice columns the ratio of the residual errors "
                + "(1 - Dice), in the others of the iterations (failures count %.0f: where both always fail it is "
                + "1.00).%n%n", unseen.method(), clicks.method(), unseen.runs().size(),
                MethodResults.FAILURE_ITERATIONS));
    }

    /** Beyond the paper: the approval estimate carried from study to study against cold starts, then by rater. */
    private void carriedProfile(TaskEvaluation.ProfileResult p) {
        int studies = p.coldIterations().length;
        md.append("### Profile carried from study to study (beyond the paper)\n\n");
        md.append(String.format(Locale.ROOT, "Each of the %d raters works through sequences of %d test studies with "
                + "their own mask as the preference (%d sequences in all). Cold: every study starts from pi_init. "
                + "Carried: study j starts from the mean approval estimate of studies 1..j-1. Iterations to reach "
                + "Dice %.2f.%n%n", result.raterIds().size(), studies, p.sequences(), p.threshold()));
        List<String> columns = new ArrayList<>();
        for (int j = 1; j <= studies; j++) {
            columns.add(Integer.toString(j));
        }
        header("study", columns);
        row("iterations, cold", cells(p.coldIterations(), "%.2f"));
        row("iterations, carried", cells(p.carriedIterations(), "%.2f"));
        row("Dice round 1, cold", cells(p.coldFirstRoundDice(), "%.4f"));
        row("Dice round 1, carried", cells(p.carriedFirstRoundDice(), "%.4f"));
        md.append("\n");
        md.append(String.format(Locale.ROOT, "By rater: iterations at study %d, and the Dice in round %d averaged over "
                + "all of the rater's studies (a rater the model cannot reach counts 10 either way).%n%n", studies,
                rounds));
        md.append(String.format(Locale.ROOT, "| rater | iterations study %d, cold | carried | Dice round %d, cold "
                + "| carried |%n|---|---|---|---|---|%n", studies, rounds));
        for (int k = 0; k < p.byRater().size(); k++) {
            TaskEvaluation.RaterOutcome o = p.byRater().get(k);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.4f | %.4f |%n", result.raterIds().get(k),
                    o.coldIterations(), o.carriedIterations(), o.coldLastRoundDice(), o.carriedLastRoundDice()));
        }
        md.append("\n");
    }

    private void header(String firstColumn, List<String> columns) {
        md.append("| ").append(firstColumn).append(" |");
        for (String column : columns) {
            md.append(" ").append(column).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(columns.size())).append("\n");
    }

    private void row(String firstCell, String cells) {
        md.append("| ").append(firstCell).append(" |").append(cells).append("\n");
    }

    private List<String> roundColumns() {
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            columns.add("round " + i);
        }
        return columns;
    }

    private List<String> thresholdColumns(String prefix) {
        List<String> columns = new ArrayList<>();
        for (double t : thresholds) {
            columns.add(prefix + String.format(Locale.ROOT, "%.2f", t));
        }
        return columns;
    }

    /** Table cells, each " value |"; NaN (a method without that measure) as "-". */
    static String cells(double[] values, String format) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(' ').append(Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v)).append(" |");
        }
        return sb.toString();
    }

    /** The first column holding the row's largest value. */
    private static int peak(double[] row) {
        int best = 0;
        for (int j = 0; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
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
