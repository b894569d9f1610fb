package org.spagateway.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.spagateway.spa.model.simulation.SimulatedRun;

/**
 * The goals of issue 17 for one task (the alignment-quality round: ratios to the matched click baseline and to the
 * arm with the points fed back but pi frozen), each with its paired bootstrap 95% interval over the test images where
 * the images are the unit: iterations and failures at the highest threshold evaluated (0.97 in the report), the
 * residual error in the last round, every single rater reached, the carried profile.
 */
final class AlignmentGoals {

    private final TaskEvaluation.Result result;
    private final double threshold;
    private final int rounds;
    private final MethodResults spa;
    private final MethodResults click;
    private final Optional<MethodResults> piFrozen;

    AlignmentGoals(TaskEvaluation.Result result) {
        this.result = result;
        double[] thresholds = result.settings().thresholds();
        this.threshold = thresholds[thresholds.length - 1];
        this.rounds = result.settings().rounds();
        this.spa = result.results(ComparedMethod.SPA);
        this.click = result.results(ComparedMethod.CLICK);
        this.piFrozen = result.methods().stream()
                .filter(m -> m.method().equals(ComparedMethod.SPA_PI_FROZEN.label())).findFirst();
    }

    void appendTo(StringBuilder md) {
        md.append("### Goals (issue 17)\n\n")
          .append(String.format(Locale.ROOT, "Ratios of means over the %d test images, with the paired bootstrap 95%% "
                  + "interval (%d resamples of the images); iterations count failures as %.0f.%n%n",
                  spa.runs().size(), PairedBootstrap.RESAMPLES, MethodResults.FAILURE_ITERATIONS))
          .append("| goal | measured | met |\n|---|---|---|\n");
        PairedBootstrap.Ratio iterations = PairedBootstrap.ratio(spa, click, this::iterations);
        row(md, String.format(Locale.ROOT, "G1: SPA iterations to Dice %.2f <= 0.75 x click, upper bound < 0.9",
                threshold), compared(spa, click, this::iterations, "%.2f", iterations),
                iterations.value() <= 0.75 && iterations.high() < 0.9);
        PairedBootstrap.Ratio failures = PairedBootstrap.ratio(spa, click, this::failure);
        row(md, String.format(Locale.ROOT, "G2: SPA failure rate at Dice %.2f <= 0.5 x click", threshold),
                compared(spa, click, this::failure, "%.3f", failures), mean(spa, this::failure)
                        <= 0.5 * mean(click, this::failure));
        PairedBootstrap.Ratio residual = PairedBootstrap.ratio(spa, click, AlignmentGoals::residual);
        row(md, String.format(Locale.ROOT, "G3: SPA round-%d residual error (1 - Dice) <= 0.85 x click", rounds),
                compared(spa, click, AlignmentGoals::residual, "%.4f", residual), residual.value() <= 0.85);
        singleRaters(md);
        carriedProfile(md);
        String g6 = String.format(Locale.ROOT, "G6: SPA iterations to Dice %.2f <= 0.85 x \"%s\"", threshold,
                ComparedMethod.SPA_PI_FROZEN.label());
        if (piFrozen.isPresent()) {
            PairedBootstrap.Ratio alignment = PairedBootstrap.ratio(spa, piFrozen.get(), this::iterations);
            row(md, g6, compared(spa, piFrozen.get(), this::iterations, "%.2f", alignment),
                    alignment.value() <= 0.85);
        } else {
            md.append("| ").append(g6).append(" | not measured: no results of that arm | **no** |\n");
        }
        md.append("\n");
    }

    /** G4: the lowest mean last-round Dice of a single rater's own preference, cold start (the profile sessions). */
    private void singleRaters(StringBuilder md) {
        String goal = String.format(Locale.ROOT, "G4: every single rater's preference reaches mean round-%d Dice "
                + ">= 0.95", rounds);
        TaskEvaluation.ProfileResult profile = result.profile();
        if (profile == null) {
            md.append("| ").append(goal).append(" | not measured: no profile sessions | **no** |\n");
            return;
        }
        List<TaskEvaluation.RaterOutcome> byRater = profile.byRater();
        int lowest = 0;
        for (int k = 1; k < byRater.size(); k++) {
            if (byRater.get(k).coldLastRoundDice() < byRater.get(lowest).coldLastRoundDice()) {
                lowest = k;
            }
        }
        double dice = byRater.get(lowest).coldLastRoundDice();
        row(md, goal, String.format(Locale.ROOT, "lowest: %s %.4f (cold start; its own studies, %d sequence(s) "
                + "per rater)", result.raterIds().get(lowest), dice, profile.sequences() / byRater.size()),
                dice >= 0.95);
    }

    /** G5: the carried profile at the last study of a sequence, against cold starts (no interval: sequences pooled). */
    private void carriedProfile(StringBuilder md) {
        TaskEvaluation.ProfileResult profile = result.profile();
        if (profile == null) {
            md.append("| G5: carried profile <= 0.7 x cold iterations | not measured: no profile sessions "
                    + "| **no** |\n");
            return;
        }
        int last = profile.carriedIterations().length - 1;
        double ratio = profile.carriedIterations()[last] / profile.coldIterations()[last];
        row(md, String.format(Locale.ROOT, "G5: carried profile, study %d <= 0.7 x cold iterations (Dice %.2f, all "
                + "raters)", last + 1, profile.threshold()), String.format(Locale.ROOT, "%.2f vs %.2f: %.2f (no "
                + "interval: per-sequence values are not kept)", profile.carriedIterations()[last],
                profile.coldIterations()[last], ratio), ratio <= 0.7);
    }

    private double iterations(SimulatedRun run) {
        return run.iterationsToReach(threshold, MethodResults.FAILURE_ITERATIONS);
    }

    private double failure(SimulatedRun run) {
        return iterations(run) == MethodResults.FAILURE_ITERATIONS ? 1 : 0;
    }

    private static double residual(SimulatedRun run) {
        return 1 - run.dice()[run.dice().length - 1];
    }

    private static String compared(MethodResults a, MethodResults b,
                                   ToDoubleFunction<SimulatedRun> value, String format,
                                   PairedBootstrap.Ratio ratio) {
        return String.format(Locale.ROOT, format + " vs " + format + ": %.2f (%.2f-%.2f)", mean(a, value),
                mean(b, value), ratio.value(), ratio.low(), ratio.high());
    }

    private static double mean(MethodResults method, ToDoubleFunction<SimulatedRun> value) {
        return method.runs().stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    private static void row(StringBuilder md, String goal, String measured, boolean met) {
        md.append("| ").append(goal).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**")
          .append(" |\n");
    }
}
