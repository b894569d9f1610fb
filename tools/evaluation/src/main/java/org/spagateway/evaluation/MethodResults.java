package org.spagateway.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spagateway.spa.model.simulation.SimulatedRun;

/** All simulated runs of one method on one test set, and the paper's summary metrics over them. */
public final class MethodResults {

    /** Iterations charged to an image that never reaches a threshold within the rounds (the paper's 10). */
    public static final double FAILURE_ITERATIONS = 10;

    private final String method;
    private final List<SimulatedRun> runs = new ArrayList<>();

    public MethodResults(String method) {
        this.method = method;
    }

    public String method() {
        return method;
    }

    public void add(SimulatedRun run) {
        runs.add(run);
    }

    public List<SimulatedRun> runs() {
        return List.copyOf(runs);
    }

    public int rounds() {
        return runs.get(0).dice().length;
    }

    /** Mean Dice after each round. */
    public double[] meanDice() {
        double[] mean = new double[rounds()];
        for (SimulatedRun run : runs) {
            for (int r = 0; r < mean.length; r++) {
                mean[r] += run.dice()[r] / runs.size();
            }
        }
        return mean;
    }

    /** Dice gain per round: mean Dice(round r+1) - mean Dice(round r). */
    public double[] gains() {
        double[] mean = meanDice();
        double[] gains = new double[mean.length - 1];
        for (int r = 0; r < gains.length; r++) {
            gains[r] = mean[r + 1] - mean[r];
        }
        return gains;
    }

    /** Mean iterations to reach each threshold (failures count {@link #FAILURE_ITERATIONS}). */
    public double[] meanIterations(double[] thresholds) {
        double[] out = new double[thresholds.length];
        for (int t = 0; t < thresholds.length; t++) {
            for (SimulatedRun run : runs) {
                out[t] += run.iterationsToReach(thresholds[t], FAILURE_ITERATIONS) / runs.size();
            }
        }
        return out;
    }

    /**
     * The fewest mean iterations this method could need with its own round 1 (before any feedback): images already
     * at the threshold in round 1 count 1, every other image at least 2.
     */
    public double[] iterationFloor(double[] thresholds) {
        double[] out = new double[thresholds.length];
        for (int t = 0; t < thresholds.length; t++) {
            for (SimulatedRun run : runs) {
                out[t] += (run.dice()[0] >= thresholds[t] ? 1.0 : 2.0) / runs.size();
            }
        }
        return out;
    }

    /** Share of images that never reach each threshold within the rounds. */
    public double[] failureRates(double[] thresholds) {
        double[] out = new double[thresholds.length];
        for (int t = 0; t < thresholds.length; t++) {
            for (SimulatedRun run : runs) {
                if (!run.reaches(thresholds[t])) {
                    out[t] += 1.0 / runs.size();
                }
            }
        }
        return out;
    }

    /** Median over images of the per-round median pairwise candidate Dice (NaN for methods without candidates). */
    public double[] candidateSimilarity() {
        double[] out = new double[rounds()];
        for (int r = 0; r < out.length; r++) {
            double[] values = new double[runs.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = runs.get(i).candidateSimilarity()[r];
            }
            Arrays.sort(values);
            out[r] = values[values.length / 2];
        }
        return out;
    }

    /** Share of choices where the L2-nearest candidate was also the highest-Dice one (NaN without choices). */
    public double choiceAgreement() {
        int agree = 0;
        int total = 0;
        for (SimulatedRun run : runs) {
            agree += run.choiceAgreement();
            total += run.choices();
        }
        return total == 0 ? Double.NaN : (double) agree / total;
    }
}
