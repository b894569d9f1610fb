package org.spagateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.simulation.SimulatedRun;

class MethodResultsTest {

    private static SimulatedRun run(double... dice) {
        double[] similarity = new double[dice.length];
        java.util.Arrays.fill(similarity, 0.9);
        return new SimulatedRun(dice, similarity, 1, 2, null);
    }

    @Test
    void iterationsCountTheFirstRoundAtTheThresholdAndTenForAFailure() {
        MethodResults m = new MethodResults("m");
        m.add(run(0.80, 0.90, 0.95));
        m.add(run(0.70, 0.75, 0.80));
        assertThat(m.meanIterations(new double[] {0.85, 0.70})).containsExactly((2 + 10) / 2.0, 1.0);
        assertThat(m.failureRates(new double[] {0.85, 0.70})).containsExactly(0.5, 0.0);
    }

    @Test
    void aRunReachingTheThresholdInRoundTenIsNoFailure() {
        MethodResults m = new MethodResults("m");
        double[] dice = new double[12];
        java.util.Arrays.fill(dice, 0.5);
        dice[9] = 0.9;
        m.add(run(dice));
        assertThat(m.failureRates(new double[] {0.85})).containsExactly(0.0);
    }

    @Test
    void theIterationFloorCountsOneForImagesAtTheThresholdInRoundOneAndTwoForEveryOther() {
        MethodResults m = new MethodResults("m");
        m.add(run(0.96, 0.90, 0.95));
        m.add(run(0.70, 0.75, 0.80));
        m.add(run(0.80, 0.99, 0.99));
        m.add(run(0.97, 0.97, 0.97));
        assertThat(m.iterationFloor(new double[] {0.95, 0.99})).containsExactly(
                new double[] {(1 + 2 + 2 + 1) / 4.0, 2.0}, within(1e-12));
    }

    @Test
    void meanDiceGainsAndChoiceAgreementAreAveragedOverImages() {
        MethodResults m = new MethodResults("m");
        m.add(run(0.80, 0.90, 0.95));
        m.add(run(0.70, 0.80, 0.85));
        assertThat(m.meanDice()).containsExactly(new double[] {0.75, 0.85, 0.90}, within(1e-12));
        assertThat(m.gains()).containsExactly(new double[] {0.10, 0.05}, within(1e-12));
        assertThat(m.choiceAgreement()).isEqualTo(0.5);
        assertThat(m.candidateSimilarity()).containsOnly(0.9);
    }
}
