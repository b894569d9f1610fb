package org.spagateway.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.retry.RetryInRounds.Verdict;

class RetryInRoundsTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private final RetryInRounds.Outcomes<String, Verdict> outcomes = new RetryInRounds.Outcomes<>() {
        @Override
        public void succeeded(String target, int attempt, Verdict answer) {
            log.add(target + " stored on attempt " + attempt);
        }

        @Override
        public void rejected(String target, int attempt, Verdict answer) {
            log.add(target + " rejected on attempt " + attempt);
        }

        @Override
        public void exhausted(String target, int attempt, Verdict answer) {
            log.add(target + " gave up after attempt " + attempt);
        }

        @Override
        public void retrying(String target, int attempt, Verdict answer, Duration wait) {
            log.add(target + " failed attempt " + attempt + ", next in " + wait.toMillis() + " ms");
        }
    };

    private RetryInRounds<String, Verdict> rounds(int attempts, Jitter jitter) {
        return new RetryInRounds<>(new RetrySchedule(attempts, Duration.ofSeconds(1), Duration.ofSeconds(60)), jitter,
                pauses::add);
    }

    private static RetryInRounds.Attempt<String, Verdict> answering(Map<String, Deque<Verdict>> script) {
        return (target, attempt) -> script.get(target).removeFirst();
    }

    @Test
    void aFailingTargetDoesNotDelayTheFirstAttemptAtAHealthyOne() throws Exception {
        Map<String, Deque<Verdict>> script = Map.of(
                "down", new ArrayDeque<>(List.of(Verdict.RETRIABLE, Verdict.RETRIABLE, Verdict.SUCCEEDED)),
                "up", new ArrayDeque<>(List.of(Verdict.SUCCEEDED)));

        rounds(3, Jitter.NONE).deliver(List.of("down", "up"), answering(script), verdict -> verdict, outcomes);

        assertThat(log).containsExactly(
                "down failed attempt 1, next in 1000 ms", "up stored on attempt 1",
                "down failed attempt 2, next in 2000 ms",
                "down stored on attempt 3");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aRejectedTargetEndsAtOnceAndAnExhaustedOneAfterTheLastAttempt() throws Exception {
        Map<String, Deque<Verdict>> script = Map.of(
                "refuses", new ArrayDeque<>(List.of(Verdict.REJECTED)),
                "down", new ArrayDeque<>(List.of(Verdict.RETRIABLE, Verdict.RETRIABLE)));

        rounds(2, Jitter.NONE).deliver(List.of("refuses", "down"), answering(script), verdict -> verdict, outcomes);

        assertThat(log).containsExactly("refuses rejected on attempt 1", "down failed attempt 1, next in 1000 ms",
                "down gave up after attempt 2");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void waitsTheJitteredBackOffItAnnounced() throws Exception {
        Map<String, Deque<Verdict>> script = Map.of(
                "down", new ArrayDeque<>(List.of(Verdict.RETRIABLE, Verdict.RETRIABLE, Verdict.RETRIABLE)));

        rounds(3, Jitter.equal(() -> 0.0)).deliver(List.of("down"), answering(script), verdict -> verdict, outcomes);

        assertThat(log).containsExactly("down failed attempt 1, next in 500 ms",
                "down failed attempt 2, next in 1000 ms",
                "down gave up after attempt 3");
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void triesNothingWithoutTargets() throws Exception {
        rounds(3, Jitter.NONE).deliver(List.of(), (target, attempt) -> {
            throw new AssertionError("no target, no attempt");
        }, verdict -> verdict, outcomes);

        assertThat(log).isEmpty();
        assertThat(pauses).isEmpty();
    }
}
