package org.spagateway.evaluation;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of measured latencies by nearest rank (the p-th percentile is the smallest recorded value with at least
 * p% of the values at or below it), kept in an HdrHistogram. Latencies are recorded in one unit, truncated (as
 * {@link Duration#toMillis()} does). With {@value #SIGNIFICANT_DIGITS} significant digits every value below 262,144
 * units is kept exactly, so the figures equal those of the sorted values; a larger value is reported at most
 * 1/131,072 of it high (HdrHistogram's highest equivalent value). Shared by the round benchmark here and the
 * benchmarks module. Not thread-safe.
 */
public final class LatencySummary {

    private static final int SIGNIFICANT_DIGITS = 5;

    private final TimeUnit unit;
    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);

    /** A summary of latencies recorded in {@code unit} (milliseconds, microseconds). */
    public LatencySummary(TimeUnit unit) {
        this.unit = unit;
    }

    public void record(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("a latency cannot be negative: " + latency);
        }
        histogram.recordValue(unit.convert(latency));
    }

    /** How many latencies were recorded. */
    public long count() {
        return histogram.getTotalCount();
    }

    /** The nearest-rank percentile, {@code percent} in (0, 100], in this summary's unit. */
    public long percentile(double percent) {
        requireValues();
        return histogram.getValueAtPercentile(percent);
    }

    public long min() {
        requireValues();
        return histogram.getMinValue();
    }

    public long max() {
        requireValues();
        return histogram.getMaxValue();
    }

    private void requireValues() {
        if (histogram.getTotalCount() == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
    }
}
