package org.spagateway.fhir.adapter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * What the FHIR server's writes cost and how they fail: {@code spa_fhir_write_seconds{outcome}}, the time of one
 * transaction attempt (a histogram: the write p95), {@code outcome} = {@code stored} or {@code failed}; and
 * {@code spa_fhir_write_failures_total{verdict,status}}, each failed attempt by what
 * {@link FhirWriteFailurePolicy} made of it ({@code UNAVAILABLE}: retried without limit; {@code SUSPECT}: retried,
 * then dead-lettered if the server answers; {@code PERMANENT}: dead-lettered) and its HTTP status (0 = no answer).
 */
public final class FhirWriteMetrics {

    static final String DURATION = "spa.fhir.write";
    static final String FAILURES = "spa.fhir.write.failures";
    private static final Duration[] BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;

    public FhirWriteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void stored(Duration took) {
        timer("stored").record(took);
    }

    void failed(Duration took, FhirWriteFailurePolicy.Verdict verdict, int status) {
        timer("failed").record(took);
        Counter.builder(FAILURES)
                .description("Failed FHIR transaction attempts, by failure policy verdict and HTTP status")
                .tags("verdict", verdict.name(), "status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    private Timer timer(String outcome) {
        return Timer.builder(DURATION)
                .description("Time of one FHIR transaction attempt (a record's resources)")
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
