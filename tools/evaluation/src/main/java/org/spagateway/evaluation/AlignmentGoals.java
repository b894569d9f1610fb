package org.spagateway.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.spagateway.spa.model.simulation.SimulatedRun;

/**
 * The goals of issue 17 for one task, at the goals' own Dice (0.97), round (6) and profile threshold (0.95) whatever
 * else the run reports: G1-G3 and G6 are ratios of SPA's means to the click baseline's and to the arm with the points
 * fed back but pi frozen over the same test images, each with a paired bootstrap 95% interval; G4 and G5 come from the
 * profile sessions (single raters' own studies), without an interval. G1-G3 hold for the method only when they hold
 * on every task.
 */
final class AlignmentGoals {

    static final double GOAL_DICE = 0.97;
    static final int GOAL_ROUND = 6;
    static final double GOAL_PROFILE_DICE = 0.95;

    private final TaskEvaluation.Result result;
    private final int rounds;
    private final MethodResults spa;
    private final MethodResults click;
    private final Optional<MethodResults> piFrozen;

    AlignmentGoals(TaskEvaluation.Result result) {
        this.result = result;
        this.rounds = result.settings().rounds();
        this.spa = result.results(ComparedMethod.SPA);
        this.click = result.results(ComparedMethod.CLICK);
        this.piFrozen = result.find(ComparedMethod.SPA_PI_FROZEN);
    }

    void appendTo(StringBuilder md) {
        md.append("### Goals (issue 17)\n\n")
          .append(String.format(Locale.ROOT, "G1-G3 and G6: ratios of SPA's means to the other method's over the same "
                  + "%d test images, with the paired bootstrap 95%% interval (%d resamples of the images); iterations "
                  + "count failures as %.0f; G1-G3 must hold on every task. G4 and G5: from the profile sessions, each "
                  + "rater's own studies, without an interval.%n%n", spa.runs().size(), PairedBootstrap.RESAMPLES,
                  MethodResults.FAILURE_ITERATIONS))
          .append("| goal | measured | met |\n|---|---|---|\n");
        PairedBootstrap.Ratio iterations = PairedBootstrap.ratio(spa, click, AlignmentGoals::iterations);
        row(md, String.format(Locale.ROOT, "G1: SPA iterations to Dice %.2f <= 0.75 x click, upper bound < 0.9",
                GOAL_DICE), compared(spa, click, AlignmentGoals::iterations, "%.2f", iterations),
                iterations.value() <= 0.75 && iterations.high() < 0.9);
        failures(md);
        residualError(md);
        singleRaters(md);
        carriedProfile(md);
        String g6 = String.format(Locale.ROOT, "G6: SPA iterations to Dice %.2f <= 0.85 x \"%s\"", GOAL_DICE,
                ComparedMethod.SPA_PI_FROZEN.label());
        if (piFrozen.isPresent()) {
            PairedBootstrap.Ratio alignment = PairedBootstrap.ratio(spa, piFrozen.get(), AlignmentGoals::iterations);
            row(md, g6, compared(spa, piFrozen.get(), AlignmentGoals::iterations, "%.2f", alignment),
                    alignment.value() <= 0.85);
        } else {
            row(md, g6, "not measured: no results of that arm", false);
        }
        md.append("\n");
    }

    /** G2, judged on the rates themselves: with no click failure at all the ratio is undefined. */
    private void failures(StringBuilder md) {
        String goal = String.format(Locale.ROOT, "G2: SPA failure rate at Dice %.2f <= 0.5 x click", GOAL_DICE);
        double spaRate = mean(spa, AlignmentGoals::failure);
        double clickRate = mean(click, AlignmentGoals::failure);
        if (clickRate == 0) {
            row(md, goal, String.format(Locale.ROOT, "%.3f vs 0.000: no ratio (the click baseline never fails)",
                    spaRate), spaRate == 0);
            return;
        }
        row(md, goal, compared(spa, click, AlignmentGoals::failure, "%.3f",
                PairedBootstrap.ratio(spa, click, AlignmentGoals::failure)), spaRate <= 0.5 * clickRate);
    }

    /** G3 at round 6 (not measured in a run of fewer rounds). */
    private void residualError(StringBuilder md) {
        String goal = String.format(Locale.ROOT, "G3: SPA round-%d residual error (1 - Dice) <= 0.85 x click",
                GOAL_ROUND);
        if (rounds < GOAL_ROUND) {
            row(md, goal, String.format(Locale.ROOT, "not measured: the run has %d rounds", rounds), false);
            return;
        }
        PairedBootstrap.Ratio residual = PairedBootstrap.ratio(spa, click, AlignmentGoals::residual);
        row(md, goal, compared(spa, click, AlignmentGoals::residual, "%.4f", residual), residual.value() <= 0.85);
    }

    /** G4: the lowest mean round-6 Dice of a single rater's own preference, cold start (the profile sessions). */
    private void singleRaters(StringBuilder md) {
        String goal = String.format(Locale.ROOT, "G4: every single rater's preference reaches mean round-%d Dice "
                + ">= 0.95", GOAL_ROUND);
        TaskEvaluation.ProfileResult profile = result.profile();
        if (profile == null || rounds != GOAL_ROUND) {
            row(md, goal, profile == null ? "not measured: no profile sessions" : String.format(Locale.ROOT,
                    "not measured: the profile sessions' last round is round %d", rounds), false);
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

    /** G5: the carried profile at the last study of a sequence, against cold starts, at Dice 0.95. */
    private void carriedProfile(StringBuilder md) {
        TaskEvaluation.ProfileResult profile = result.profile();
        String goal = String.format(Locale.ROOT, "G5: carried profile, last study <= 0.7 x cold iterations (Dice "
                + "%.2f, all raters)", GOAL_PROFILE_DICE);
        if (profile == null) {
            row(md, goal, "not measured: no profile sessions", false);
            return;
        }
        int last = profile.carriedIterations().length - 1;
        double ratio = profile.carriedIterations()[last] / profile.coldIterations()[last];
        boolean atGoal = profile.threshold() == GOAL_PROFILE_DICE;
        row(md, goal, String.format(Locale.ROOT, "study %d: %.2f vs %.2f: %.2f%s", last + 1,
                profile.carriedIterations()[last], profile.coldIterations()[last], ratio, atGoal ? ""
                        : String.format(Locale.ROOT, ", at Dice %.2f (--profile-threshold), not the goal's",
                        profile.threshold())), atGoal && ratio <= 0.7);
    }

    /** Rounds to reach the goal's Dice, failures counted as {@link MethodResults#FAILURE_ITERATIONS}. */
    private static double iterations(SimulatedRun run) {
        return run.iterationsToReach(GOAL_DICE, MethodResults.FAILURE_ITERATIONS);
    }

    private static double failure(SimulatedRun run) {
        return run.reaches(GOAL_DICE) ? 0 : 1;
    }

    private static double residual(SimulatedRun run) {
        return 1 - run.dice()[GOAL_ROUND - 1];
    }

    private static String compared(MethodResults a, MethodResults b, ToDoubleFunction<SimulatedRun> value,
                                   String format, PairedBootstrap.Ratio ratio) {
        return String.format(Locale.ROOT, format + " vs " + format + ": ", mean(a, value), mean(b, value))
                + ratio.withInterval()
                + (ratio.undefined() == 0 ? "" : String.format(Locale.ROOT, "; %d resamples with none on either side "
                + "left out", ratio.undefined()));
    }

    private static double mean(MethodResults method, ToDoubleFunction<SimulatedRun> value) {
        return method.runs().stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    private static void row(StringBuilder md, String goal, String measured, boolean met) {
        md.append("| ").append(goal).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**")
          .append(" |\n");
    }
}
