package org.spagateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.simulation.SimulatedRun;

class AlignmentGoalsTest {

    @Test
    void theGoalsAreAtDice097AndRound6WhateverThresholdsTheReportShows() {
        String goals = goals(6, new double[] {0.99, 0.5},
                method(ComparedMethod.SPA, run(6, 2), run(6, 2)),
                method(ComparedMethod.CLICK, run(6, 4), run(6, 4)),
                method(ComparedMethod.SPA_PI_FROZEN, run(6, 3), run(6, 3)));

        assertThat(goals).contains("| G1: SPA iterations to Dice 0.97 <= 0.75 x click, upper bound < 0.9 | "
                + "2.00 vs 4.00: 0.50 (0.50-0.50) | yes |");
        assertThat(goals).contains("G6: SPA iterations to Dice 0.97 <= 0.85 x \"SPA, points fed back, pi frozen\" | "
                + "2.00 vs 3.00: 0.67 (0.67-0.67) | yes |");
        assertThat(goals).contains("| G3: SPA round-6 residual error (1 - Dice) <= 0.85 x click | "
                + "0.0200 vs 0.0200: 1.00 (1.00-1.00) | **no** |");
    }

    @Test
    void aClickBaselineThatNeverFailsLeavesTheFailureGoalWithoutARatio() {
        String goals = goals(6, new double[] {0.97},
                method(ComparedMethod.SPA, run(6, 2), run(6, 0)),
                method(ComparedMethod.CLICK, run(6, 4), run(6, 5)));

        assertThat(goals).contains("| G2: SPA failure rate at Dice 0.97 <= 0.5 x click | 0.500 vs 0.000: no ratio "
                + "(the click baseline never fails) | **no** |");
        assertThat(goals).contains("not measured: no results of that arm");
    }

    @Test
    void reachingTheGoalInRoundTenIsNoFailureAndFewerThanSixRoundsMeasureNoRoundSixGoal() {
        String twelve = goals(12, new double[] {0.97},
                method(ComparedMethod.SPA, run(12, 10), run(12, 0)),
                method(ComparedMethod.CLICK, run(12, 0), run(12, 0)));
        assertThat(twelve).contains("| G2: SPA failure rate at Dice 0.97 <= 0.5 x click | 0.500 vs 1.000: 0.50");

        String three = goals(3, new double[] {0.97},
                method(ComparedMethod.SPA, run(3, 1)), method(ComparedMethod.CLICK, run(3, 2)));
        assertThat(three).contains("G3: SPA round-6 residual error (1 - Dice) <= 0.85 x click | not measured: the "
                + "run has 3 rounds | **no** |");
    }

    /** Dice 0.9 until round {@code reached} (1-based; 0 = never), 0.98 from then on. */
    private static SimulatedRun run(int rounds, int reached) {
        double[] dice = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            dice[r] = reached > 0 && r + 1 >= reached ? 0.98 : 0.9;
        }
        double[] similarity = new double[rounds];
        Arrays.fill(similarity, Double.NaN);
        return new SimulatedRun(dice, similarity, 0, 0, null);
    }

    private static MethodResults method(ComparedMethod method, SimulatedRun... runs) {
        MethodResults results = new MethodResults(method.label());
        for (SimulatedRun run : runs) {
            results.add(run);
        }
        return results;
    }

    private static String goals(int rounds, double[] thresholds, MethodResults... methods) {
        TaskEvaluation.Settings settings = new TaskEvaluation.Settings(methods[0].runs().size(), rounds, thresholds,
                1, 2, 0, 0, 0.95);
        TaskEvaluation.Result result = new TaskEvaluation.Result("nodule", settings, List.of(), List.of(methods),
                List.of("r1", "r2"), null, null, null, 1.0, "the shipped panel", true);
        StringBuilder md = new StringBuilder();
        new AlignmentGoals(result).appendTo(md);
        return md.toString();
    }
}
