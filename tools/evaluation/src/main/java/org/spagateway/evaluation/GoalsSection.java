package org.spagateway.evaluation;

import java.util.Locale;

/**
 * The issue-3 goals of one task with the measured figures, and what the protocol allows at all: SPA against the click
 * baseline at the two highest Dice thresholds, the Dice gain, SPA against SPA with theta frozen, the carried profile.
 */
final class GoalsSection {

    private final TaskEvaluation.Result result;
    private final double[] thresholds;
    private final MethodResults spa;
    private final MethodResults frozen;
    private final MethodResults click;

    GoalsSection(TaskEvaluation.Result result, MethodResults spa, MethodResults frozen, MethodResults click) {
        this.result = result;
        this.thresholds = result.settings().thresholds();
        this.spa = spa;
        this.frozen = frozen;
        this.click = click;
    }

    void appendTo(StringBuilder md) {
        md.append("### Goals of issue 3 (retired by issue 17)\n\n| goal | measured | met |\n|---|---|---|\n");
        iterationGoals(md);
        failureGoals(md);
        gainGoal(md);
        frozenGoal(md);
        if (result.profile() != null) {
            carriedProfileGoal(md, result.profile());
        }
        reachable(md);
    }

    private void iterationGoals(StringBuilder md) {
        double[] spaIt = spa.meanIterations(thresholds);
        double[] clickIt = click.meanIterations(thresholds);
        for (int i = thresholds.length - 2; i < thresholds.length; i++) {
            goal(md, String.format(Locale.ROOT, "SPA iterations <= 0.6 x click at Dice %.2f", thresholds[i]),
                    String.format(Locale.ROOT, "%.2f vs %.2f (ratio %.2f)", spaIt[i], clickIt[i],
                            spaIt[i] / clickIt[i]),
                    spaIt[i] <= 0.6 * clickIt[i]);
        }
    }

    private void failureGoals(StringBuilder md) {
        double[] spaFail = spa.failureRates(thresholds);
        double[] clickFail = click.failureRates(thresholds);
        for (int i = thresholds.length - 2; i < thresholds.length; i++) {
            goal(md, String.format(Locale.ROOT, "SPA failure rate <= 0.5 x click at Dice %.2f", thresholds[i]),
                    String.format(Locale.ROOT, "%.1f%% vs %.1f%%", 100 * spaFail[i], 100 * clickFail[i]),
                    spaFail[i] <= 0.5 * clickFail[i]);
        }
    }

    private void gainGoal(StringBuilder md) {
        double spaGain = gain(spa);
        double clickGain = gain(click);
        goal(md, "SPA Dice gain round 1->6 >= 2 x click's",
                String.format(Locale.ROOT, "%+.4f vs %+.4f", spaGain, clickGain),
                spaGain >= 2 * clickGain && spaGain > 0);
    }

    private void frozenGoal(StringBuilder md) {
        double spaLast = lastRoundDice(spa);
        double frozenLast = lastRoundDice(frozen);
        goal(md, "SPA beats SPA-frozen (Dice in the last round)",
                String.format(Locale.ROOT, "%.4f vs %.4f", spaLast, frozenLast), spaLast > frozenLast);
    }

    private static void carriedProfileGoal(StringBuilder md, TaskEvaluation.ProfileResult p) {
        int last = p.carriedIterations().length - 1;
        goal(md, String.format(Locale.ROOT, "carried profile: study %d <= 0.6 x cold iterations (Dice %.2f)",
                last + 1, p.threshold()), String.format(Locale.ROOT, "%.2f vs %.2f", p.carriedIterations()[last],
                p.coldIterations()[last]), p.carriedIterations()[last] <= 0.6 * p.coldIterations()[last]);
    }

    /**
     * What the protocol allows at all: round 1 comes before any feedback, so SPA's round-1 Dice bounds its
     * iterations from below and its gain from above, whatever the interaction does afterwards.
     */
    private void reachable(StringBuilder md) {
        double[] floor = spa.iterationFloor(thresholds);
        double[] clickIt = click.meanIterations(thresholds);
        double spaRoundOne = spa.meanDice()[0];
        md.append("\nReachable at all with SPA's own round 1 (before any feedback; every image below the threshold in "
                + "round 1 reaching it in round 2 at best):");
        for (int i = thresholds.length - 2; i < thresholds.length; i++) {
            md.append(String.format(Locale.ROOT, " at Dice %.2f at least %.2f iterations (the goal asks <= %.2f);",
                    thresholds[i], floor[i], 0.6 * clickIt[i]));
        }
        md.append(String.format(Locale.ROOT, " a Dice gain of at most 1 - %.4f = %.4f (the goal asks >= %.4f).%n%n",
                spaRoundOne, 1 - spaRoundOne, 2 * gain(click)));
    }

    /** Mean Dice in the last round minus in round 1. */
    private static double gain(MethodResults method) {
        double[] d = method.meanDice();
        return d[d.length - 1] - d[0];
    }

    private static double lastRoundDice(MethodResults method) {
        double[] d = method.meanDice();
        return d[d.length - 1];
    }

    private static void goal(StringBuilder md, String goal, String measured, boolean met) {
        md.append("| ").append(goal).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**")
          .append(" |\n");
    }
}
