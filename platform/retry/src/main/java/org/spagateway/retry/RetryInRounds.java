package org.spagateway.retry;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Delivers one thing to several targets (PACS destinations, webhooks) with bounded retries, in rounds: each round
 * tries every target still pending, then waits the schedule's jittered back-off, so a failing target never delays
 * the first attempt at a healthy one. Every target ends in exactly one of {@link Outcomes#succeeded},
 * {@link Outcomes#rejected} (at once, when retrying cannot help) or {@link Outcomes#exhausted} (after the last
 * attempt); the whole call takes at most {@link RetrySchedule#totalDelay()} of waiting.
 *
 * @param <T> a target
 * @param <A> what one attempt at a target answered
 */
public final class RetryInRounds<T, A> {

    /** What an answer means for its target. */
    public enum Verdict { SUCCEEDED, REJECTED, RETRIABLE }

    /** One attempt at one target. */
    @FunctionalInterface
    public interface Attempt<T, A> {
        A attempt(T target, int attempt) throws InterruptedException;
    }

    /** Told of each answer, in order; the caller logs and builds its records here. */
    public interface Outcomes<T, A> {
        void succeeded(T target, int attempt, A answer);

        void rejected(T target, int attempt, A answer);

        void exhausted(T target, int attempt, A answer);

        /** The target failed retriably and is tried again after {@code wait}. */
        void retrying(T target, int attempt, A answer, Duration wait);
    }

    private final RetrySchedule schedule;
    private final Jitter jitter;
    private final Pause pause;

    public RetryInRounds(RetrySchedule schedule, Jitter jitter, Pause pause) {
        this.schedule = schedule;
        this.jitter = jitter;
        this.pause = pause;
    }

    /**
     * @param verdict  how each answer is judged
     * @throws InterruptedException when interrupted while waiting or attempting: targets still pending have no
     *                              outcome (the caller consumes its input again)
     */
    public void deliver(Collection<T> targets, Attempt<T, A> attempts, Function<A, Verdict> verdict,
                        Outcomes<T, A> outcomes) throws InterruptedException {
        Map<T, Boolean> pending = new LinkedHashMap<>();
        targets.forEach(target -> pending.put(target, Boolean.TRUE));
        Duration wait = Duration.ZERO;
        for (int attempt = 1; attempt <= schedule.maxAttempts() && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                pause.pause(wait);
            }
            boolean last = attempt == schedule.maxAttempts();
            wait = last ? Duration.ZERO : jitter.apply(schedule.delayBefore(attempt + 1));
            for (T target : List.copyOf(pending.keySet())) {
                A answer = attempts.attempt(target, attempt);
                switch (verdict.apply(answer)) {
                    case SUCCEEDED -> {
                        outcomes.succeeded(target, attempt, answer);
                        pending.remove(target);
                    }
                    case REJECTED -> {
                        outcomes.rejected(target, attempt, answer);
                        pending.remove(target);
                    }
                    case RETRIABLE -> {
                        if (last) {
                            outcomes.exhausted(target, attempt, answer);
                            pending.remove(target);
                        } else {
                            outcomes.retrying(target, attempt, answer, wait);
                        }
                    }
                }
            }
        }
    }
}
