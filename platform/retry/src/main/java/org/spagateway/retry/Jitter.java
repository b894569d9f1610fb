package org.spagateway.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Spreads the waits of a {@link RetrySchedule}, so that clients which failed together (a PACS or broker restart) do
 * not retry together. {@link #EQUAL} is "equal jitter": half the scheduled wait plus a uniform random part of the
 * other half, so a wait is never shorter than half the schedule's nor longer than the schedule's (which keeps
 * {@link RetrySchedule#totalDelay()} an upper bound).
 */
@FunctionalInterface
public interface Jitter {

    /** Equal jitter with a thread-local random source. */
    Jitter EQUAL = equal(() -> ThreadLocalRandom.current().nextDouble());

    /** The schedule's waits unchanged: for tests that assert them. */
    Jitter NONE = scheduled -> scheduled;

    Duration apply(Duration scheduled);

    /** @param unitRandom numbers in [0, 1]; 1 gives the scheduled wait, 0 half of it */
    static Jitter equal(DoubleSupplier unitRandom) {
        return scheduled -> {
            long half = scheduled.toMillis() / 2;
            long spread = scheduled.toMillis() - half;
            double u = Math.min(1.0, Math.max(0.0, unitRandom.getAsDouble()));
            return Duration.ofMillis(half + Math.round(spread * u));
        };
    }
}
