package org.spagateway.spa.model.simulation;

/**
 * One simulated interaction on one image.
 *
 * @param dice                 Dice of the method's output against the preference after each round (index 0 = round 1)
 * @param candidateSimilarity  median pairwise Dice between the K candidates in each round (NaN without candidates)
 * @param choiceAgreement      rounds in which the candidate nearest the preference (L2, the paper's user) was also
 *                             the one with the highest Dice (the alternative user), out of the rounds with a choice
 * @param choices              rounds with a choice
 * @param profile              the pi estimate the session ends with (approval estimate; SPA only, else null)
 */
public record SimulatedRun(double[] dice, double[] candidateSimilarity, int choiceAgreement, int choices,
                           float[] profile) {

    /** Whether any round's Dice reaches the threshold (a run that does not is a failure at it). */
    public boolean reaches(double threshold) {
        return java.util.Arrays.stream(dice).anyMatch(d -> d >= threshold);
    }

    /** First round (1-based) whose Dice reaches the threshold, or {@code failureValue} if none does. */
    public double iterationsToReach(double threshold, double failureValue) {
        for (int r = 0; r < dice.length; r++) {
            if (dice[r] >= threshold) {
                return r + 1;
            }
        }
        return failureValue;
    }
}
