package org.spagateway.retry;

import java.time.Duration;

/**
 * Exponential back-off: attempt 1 at once, attempt n after {@code initialDelay * 2^(n-2)}, capped at
 * {@code maxDelay}, at most {@code maxAttempts} attempts in all ({@link #UNBOUNDED} for a dependency that is down
 * and is waited for however long it takes). These are the nominal waits; every retry in the project spreads them with
 * {@link Jitter} ({@link RetryInRounds} for one delivery to several targets).
 *
 * @param maxAttempts  attempts including the first, at least 1
 * @param initialDelay wait before the second attempt
 * @param maxDelay     the longest wait between two attempts
 */
public record RetrySchedule(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    /** {@link #maxAttempts()} of a schedule that retries without limit. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    /** Retries without limit, the wait doubling from {@code initialDelay} up to {@code maxDelay}. */
    public static RetrySchedule unbounded(Duration initialDelay, Duration maxDelay) {
        return new RetrySchedule(UNBOUNDED, initialDelay, maxDelay);
    }

    public RetrySchedule {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay, got " + initialDelay + " and "
                    + maxDelay);
        }
    }

    /** The wait before attempt {@code attempt} (2..maxAttempts); zero before the first. */
    public Duration delayBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        Duration delay = initialDelay;
        for (int i = 2; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /**
     * The sum of all waits when every attempt fails (with {@link Jitter}, an upper bound).
     *
     * @throws IllegalStateException for an {@link #unbounded} schedule
     */
    public Duration totalDelay() {
        if (maxAttempts == UNBOUNDED) {
            throw new IllegalStateException("an unbounded retry schedule has no total delay");
        }
        Duration total = Duration.ZERO;
        for (int attempt = 2; attempt <= maxAttempts; attempt++) {
            total = total.plus(delayBefore(attempt));
        }
        return total;
    }
}
