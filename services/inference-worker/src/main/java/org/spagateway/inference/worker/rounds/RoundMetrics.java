package org.spagateway.inference.worker.rounds;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;

/**
 * What the worker's rounds cost and how sessions end, by task (the served task id: a handful, never a study, session
 * or clinician): {@code spa_worker_round_seconds{task,round}}, a histogram with buckets from 50 ms to 5 s (the round
 * p95 an alert watches; a CPU round of the fundus model takes about 250 ms on two cores), {@code round} = {@code first}
 * (a new study) or {@code next} (after a choice); and {@code spa_sessions_approved_total{task}}, the sessions a
 * clinician approved (a study completed: its final SEG follows).
 */
public final class RoundMetrics {

    public static final String ROUNDS = "spa.worker.round";
    public static final String APPROVED = "spa.sessions.approved";
    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final MeterRegistry registry;

    public RoundMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Records what handling one request of {@code task} produced: a round (its CandidatesReady) with the time it took,
     * or an approval (its SessionApproved).
     */
    void handled(String task, boolean nextRound, List<? extends EventEnvelope<?>> events, Duration took) {
        for (EventEnvelope<?> event : events) {
            if (EventType.CANDIDATES_READY.typeName().equals(event.type())) {
                Timer.builder(ROUNDS)
                        .description("Time to run one SPA round (N samples, K candidates, the SEG written)")
                        .tags("task", task, "round", nextRound ? "next" : "first")
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry)
                        .record(took);
            } else if (EventType.SESSION_APPROVED.typeName().equals(event.type())) {
                Counter.builder(APPROVED)
                        .description("Sessions a clinician approved: the study is completed, its final SEG follows")
                        .tag("task", task)
                        .register(registry)
                        .increment();
            }
        }
    }
}
