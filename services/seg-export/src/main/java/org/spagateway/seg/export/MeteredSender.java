package org.spagateway.seg.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Duration;
import org.spagateway.dicom.sender.StoreOutcome;

/**
 * Measures every export attempt of the sender it wraps: {@code spa_export_seconds{kind,destination,outcome}}, the
 * time of one attempt (a histogram: the export p95 by destination), {@code outcome} = {@code stored} or
 * {@code failed}; and {@code spa_export_failures_total{kind,destination,failure}}, each failed attempt by its
 * {@link org.spagateway.dicom.sender.StoreFailure} (connection refused, association rejected, a failure status...),
 * the counter an alert on a PACS that stopped taking SEGs watches. {@code kind} is the protocol ({@value #DIMSE} for
 * C-STORE, {@value #STOW_RS} for DICOMweb); {@code destination} the configured name, a handful per deployment.
 */
final class MeteredSender implements SegmentationSender {

    static final String DURATION = "spa.export";
    static final String FAILURES = "spa.export.failures";
    /** The destination kind of a C-STORE destination (DICOM DIMSE, PS3.4 Annex B). */
    static final String DIMSE = "dimse";
    /** The destination kind of a DICOMweb STOW-RS destination (PS3.18). */
    static final String STOW_RS = "stow-rs";
    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final SegmentationSender sender;
    private final MeterRegistry registry;

    MeteredSender(SegmentationSender sender, MeterRegistry registry) {
        this.sender = sender;
        this.registry = registry;
    }

    @Override
    public StoreOutcome send(Path part10File, String sopInstanceUid, ExportDestination destination,
                             String traceparent) throws InterruptedException {
        long started = System.nanoTime();
        StoreOutcome outcome = sender.send(part10File, sopInstanceUid, destination, traceparent);
        String kind = destination instanceof StowRsDestination ? STOW_RS : DIMSE;
        Timer.builder(DURATION)
                .description("Time of one SEG export attempt")
                .tags("kind", kind, "destination", destination.name(),
                        "outcome", outcome.stored() ? "stored" : "failed")
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - started));
        if (!outcome.stored()) {
            Counter.builder(FAILURES)
                    .description("Failed SEG export attempts, by failure")
                    .tags("kind", kind, "destination", destination.name(),
                            "failure", outcome.failure().map(Enum::name).orElse("FAILURE_STATUS"))
                    .register(registry)
                    .increment();
        }
        return outcome;
    }
}
