package org.spagateway.evaluation;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.spagateway.spa.model.simulation.SimulatedRun;

/**
 * The ratio of two methods' means over the same test images, with a paired percentile bootstrap interval: each of
 * {@link #RESAMPLES} resamples draws the images with replacement (from a fixed seed, so a report is reproducible) and
 * takes both methods' values of the same images.
 */
final class PairedBootstrap {

    static final int RESAMPLES = 2000;
    private static final long SEED = 0x5EED_B007L;

    /**
     * {@code mean(a) / mean(b)} and its 95% interval (2.5th and 97.5th percentiles of the resampled ratios); NaN where
     * the ratio is undefined (both means 0: neither method has any, e.g. no failures on either side).
     *
     * @param undefined resamples left out because both their means were 0
     */
    record Ratio(double value, double low, double high, int undefined) {

        /** {@code value (low-high)}, two decimals: how the report's tables write a ratio. */
        String withInterval() {
            return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", value, low, high);
        }
    }

    private PairedBootstrap() {
    }

    /** The ratio of {@code a}'s to {@code b}'s mean of {@code value} per image (runs in the same image order). */
    static Ratio ratio(MethodResults a, MethodResults b, ToDoubleFunction<SimulatedRun> value) {
        return ratio(values(a, value), values(b, value));
    }

    static Ratio ratio(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("paired values needed, got " + a.length + " and " + b.length);
        }
        int n = a.length;
        SplittableRandom random = new SplittableRandom(SEED);
        double[] ratios = new double[RESAMPLES];
        int defined = 0;
        for (int k = 0; k < RESAMPLES; k++) {
            double sumA = 0;
            double sumB = 0;
            for (int j = 0; j < n; j++) {
                int i = random.nextInt(n);
                sumA += a[i];
                sumB += b[i];
            }
            double r = ratio(sumA, sumB);
            if (!Double.isNaN(r)) {
                ratios[defined++] = r;
            }
        }
        double value = ratio(Arrays.stream(a).sum(), Arrays.stream(b).sum());
        if (defined == 0) {
            return new Ratio(value, Double.NaN, Double.NaN, RESAMPLES);
        }
        Arrays.sort(ratios, 0, defined);
        return new Ratio(value, ratios[(int) Math.floor(0.025 * (defined - 1))],
                ratios[(int) Math.ceil(0.975 * (defined - 1))], RESAMPLES - defined);
    }

    /** 0 / 0 is undefined (NaN), x / 0 infinite. */
    private static double ratio(double a, double b) {
        if (b == 0) {
            return a == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        return a / b;
    }

    private static double[] values(MethodResults method, ToDoubleFunction<SimulatedRun> value) {
        return method.runs().stream().mapToDouble(value).toArray();
    }
}
