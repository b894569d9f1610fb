package org.spagateway.seg.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.ExportOutcome;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.SegmentationExported;
import org.spagateway.events.SegmentationReference;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.DeadLetter;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.dicom.sender.StoreOutcome;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.RetryInRounds;
import org.spagateway.retry.Pause;
import org.spagateway.kafka.support.CorrelationScope;
import org.spagateway.kafka.support.TraceParent;
import org.spagateway.events.DeterministicIds;
import org.spagateway.sessions.SessionArtifacts;

/**
 * Everything the {@code seg-export} route does with one record, without Camel: send the SEG it names (a round's
 * candidate set from a CandidatesReady, or a session's final SEG from a SessionApproved) to every configured
 * destination, by C-STORE or STOW-RS ({@link SegmentationSender}), and name the records to publish: a
 * SegmentationExported per destination that stored it (with the event's round: the approved round for a final SEG)
 * and a dead-letter record per destination that did not. Every destination ends in one of the two.
 *
 * <p>Retries go in rounds ({@link RetryInRounds}): each round tries every destination still pending, then waits the
 * jittered back-off, so a failing destination never delays the first attempt at a healthy one, and the record's
 * total time is bounded by the {@link org.spagateway.retry.RetrySchedule} (the route's consumer allows that long
 * between polls). Permanent failures ({@link org.spagateway.dicom.sender.ExportFailurePolicy},
 * {@link StowRsResponse}) are dead-lettered at once as {@value #EXPORT_REJECTED}; a destination that answered each
 * attempt with a retriable failure status is dead-lettered after the last as {@value #EXPORT_FAILED}. A destination
 * that could not be reached at the last attempt (connection refused, timed out, association rejected-transient or
 * aborted; HTTP 408, 429 or 5xx) is down, not refusing: {@link DestinationUnavailableException} is thrown, nothing
 * is published, and the record is consumed again, however long the outage lasts. Re-sending after a redelivery is
 * harmless: the SEG's SOP Instance UID is deterministic, so the PACS or DICOMweb server finds the instance it
 * already holds and answers success or a warning (duplicate), both of which count as stored. Each STOW-RS attempt
 * carries the W3C {@code traceparent} of the source event's trace.
 *
 * <p>The SEG's bytes come from the session ledger's database ({@link SessionArtifacts}, by the event's SOP Instance
 * UID), where the worker committed them before publishing the event; the event's {@code location} is informative (the
 * worker's own copy, on another host in production) and never read. A database that cannot be reached throws
 * {@link SegmentationUnavailableException}: the record is consumed again, however long the outage. A SEG the database
 * does not hold can never be sent: each destination is dead-lettered at once as {@value #SEG_NOT_STORED}.
 */
public final class SegmentationExportHandler {

    /** Dead-letter reason: the destination kept answering with retriable failure statuses until the attempts ran out. */
    public static final String EXPORT_FAILED = "EXPORT_FAILED";
    /** Dead-letter reason: the destination refused in a way retrying cannot change. */
    public static final String EXPORT_REJECTED = "EXPORT_REJECTED";
    /** Dead-letter reason: the session ledger's database holds no SEG with the event's SOP Instance UID. */
    public static final String SEG_NOT_STORED = "SEG_NOT_STORED";
    static final String SOURCE = "/spa-gateway/routes/seg-export";
    static final String COMPONENT = "routes/seg-export";
    private static final Logger LOG = LoggerFactory.getLogger(SegmentationExportHandler.class);

    private final EventCodec codec;
    private final ExportConfig config;
    private final SegmentationSender sender;
    private final SessionArtifacts segmentations;
    private final Path staging;
    private final RetryInRounds<ExportDestination, StoreOutcome> retry;
    private final Clock clock;

    /**
     * @param segmentations where the SEGs' bytes are read (the session ledger's database)
     * @param staging       the folder of each delivery's temporary Part 10 file (the JVM's temporary folder)
     * @param jitter        {@link Jitter#EQUAL} in service; tests pass {@link Jitter#NONE} to assert the waits
     */
    public SegmentationExportHandler(EventCodec codec, ExportConfig config, SegmentationSender sender,
                                     SessionArtifacts segmentations, Path staging, Pause pause, Jitter jitter,
                                     Clock clock) {
        this.codec = codec;
        this.config = config;
        this.sender = sender;
        this.segmentations = segmentations;
        this.staging = staging;
        this.retry = new RetryInRounds<>(config.retry(), jitter, pause);
        this.clock = clock;
    }

    /**
     * @param sourceTopic {@code spa.session.approved} for a SessionApproved (the final SEG), otherwise a
     *                    CandidatesReady (the round's SEG) is expected
     * @throws InterruptedException when interrupted between attempts (shutdown): nothing is published, the record
     *                              is consumed again
     * @throws DestinationUnavailableException when a destination could not be reached at its last attempt: nothing
     *                              is published, the record is consumed again
     * @throws SegmentationUnavailableException when the SEG's bytes cannot be read now (the database is down):
     *                              nothing is published, the record is consumed again
     */
    public List<OutboundRecord> handle(byte[] value, String key, String sourceTopic)
            throws InterruptedException, DestinationUnavailableException, SegmentationUnavailableException {
        SegmentationToExport seg;
        try {
            seg = decode(value == null ? "" : new String(value, StandardCharsets.UTF_8), sourceTopic);
        } catch (InvalidEventException e) {
            LOG.warn("Dead-lettering unreadable record from {} ({}): {}", sourceTopic, e.reason(), e.getMessage());
            return List.of(DeadLetter.of(COMPONENT, sourceTopic, e.reason().name(), e.getMessage()).record(key, value));
        }
        try (CorrelationScope scope = CorrelationScope.open(seg.correlationId())) {
            return export(seg, value, key, sourceTopic);
        }
    }

    private SegmentationToExport decode(String json, String sourceTopic) {
        if (Topic.SESSION_APPROVED.name().equals(sourceTopic)) {
            EventEnvelope<SessionApproved> event = codec.decode(json, EventType.SESSION_APPROVED);
            SessionApproved approved = event.data();
            return new SegmentationToExport(event.eventId(), event.correlationId(), approved.sessionId(),
                    approved.requestId(), approved.round(), approved.studyInstanceUid(), approved.segmentation(),
                    "final SEG", approved.patientPseudonym());
        }
        EventEnvelope<CandidatesReady> event = codec.decode(json, EventType.CANDIDATES_READY);
        CandidatesReady ready = event.data();
        return new SegmentationToExport(event.eventId(), event.correlationId(), ready.sessionId(), ready.requestId(),
                ready.round(), ready.studyInstanceUid(), ready.segmentation(), "SEG", ready.patientPseudonym());
    }

    private List<OutboundRecord> export(SegmentationToExport seg, byte[] value, String key, String sourceTopic)
            throws InterruptedException, DestinationUnavailableException, SegmentationUnavailableException {
        Optional<byte[]> part10;
        try {
            part10 = segmentations.segmentation(seg.segmentation().sopInstanceUid());
        } catch (IOException e) {
            LOG.warn("The {} of session {} round {} cannot be read from the session ledger now; it will be consumed"
                    + " again: {}", seg.kind(), seg.sessionId(), seg.round(), e.getMessage());
            throw new SegmentationUnavailableException("session " + seg.sessionId() + " round " + seg.round()
                    + ": " + e.getMessage(), e);
        }
        if (part10.isEmpty()) {
            LOG.error("Dead-lettering the {} of session {} round {}: the session ledger holds no such SEG",
                    seg.kind(), seg.sessionId(), seg.round());
            return config.destinations().stream().map(destination -> DeadLetter.of(COMPONENT, sourceTopic,
                    SEG_NOT_STORED, "the session ledger holds no SEG with the event's SOP Instance UID")
                    .forDestination(destination.name(), 0).record(key, value)).toList();
        }
        try (StagedSegmentation staged = StagedSegmentation.of(part10.get(), staging)) {
            return send(seg, staged.file(), value, key, sourceTopic);
        } catch (IOException e) {
            throw new SegmentationUnavailableException("session " + seg.sessionId() + " round " + seg.round()
                    + ": the SEG could not be staged for sending: " + e.getMessage(), e);
        }
    }

    private List<OutboundRecord> send(SegmentationToExport seg, Path file, byte[] value, String key,
                                      String sourceTopic) throws InterruptedException, DestinationUnavailableException {
        List<OutboundRecord> records = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        retry.deliver(config.destinations(), (destination, attempt) -> sender.send(file, seg.segmentation().sopInstanceUid(), destination,
                        traceparent(seg, destination, attempt)), SegmentationExportHandler::verdict,
                new RetryInRounds.Outcomes<>() {
                    @Override
                    public void succeeded(ExportDestination destination, int attempt, StoreOutcome outcome) {
                        LOG.info("{} of session {} round {} stored in {} (attempt {}): {}", seg.kind(),
                                seg.sessionId(), seg.round(), destination, attempt, outcome.detail());
                        records.add(exported(seg, destination, attempt, outcome));
                    }

                    @Override
                    public void rejected(ExportDestination destination, int attempt, StoreOutcome outcome) {
                        LOG.error("Dead-lettering the SEG of session {} round {} for {}: rejected ({})",
                                seg.sessionId(), seg.round(), destination, outcome.detail());
                        records.add(exportDeadLetter(value, key, sourceTopic, EXPORT_REJECTED, destination, attempt,
                                outcome));
                    }

                    @Override
                    public void exhausted(ExportDestination destination, int attempt, StoreOutcome outcome) {
                        if (outcome.dimseStatus().isEmpty()) {
                            LOG.warn("{} cannot be reached after {} attempts ({}): the SEG of session {} round {}"
                                    + " will be consumed again", destination, attempt, outcome.detail(),
                                    seg.sessionId(), seg.round());
                            unreachable.add(destination + ": " + outcome.detail());
                            return;
                        }
                        LOG.error("Dead-lettering the SEG of session {} round {} for {}: still failing after {}"
                                + " attempts ({})", seg.sessionId(), seg.round(), destination, attempt,
                                outcome.detail());
                        records.add(exportDeadLetter(value, key, sourceTopic, EXPORT_FAILED, destination, attempt,
                                outcome));
                    }

                    @Override
                    public void retrying(ExportDestination destination, int attempt, StoreOutcome outcome,
                                         Duration wait) {
                        LOG.warn("Export of the SEG of session {} round {} to {} failed (attempt {} of {}),"
                                + " retrying in {}: {}", seg.sessionId(), seg.round(), destination, attempt,
                                config.retry().maxAttempts(), wait, outcome.detail());
                    }
                });
        if (!unreachable.isEmpty()) {
            throw new DestinationUnavailableException("session " + seg.sessionId() + " round " + seg.round() + ": "
                    + String.join("; ", unreachable));
        }
        return records;
    }

    /**
     * The {@code traceparent} of one attempt: the source event's trace (its correlation id), a span per destination
     * and attempt, so a redelivered event repeats its spans.
     */
    private static String traceparent(SegmentationToExport seg, ExportDestination destination, int attempt) {
        String trace = seg.correlationId() == null ? seg.sourceEventId() : seg.correlationId();
        return TraceParent.of(trace, seg.sourceEventId() + "/export/" + destination.name() + "/" + attempt);
    }

    private static RetryInRounds.Verdict verdict(StoreOutcome outcome) {
        if (outcome.stored()) {
            return RetryInRounds.Verdict.SUCCEEDED;
        }
        return outcome.disposition() == StoreOutcome.Disposition.PERMANENT ? RetryInRounds.Verdict.REJECTED
                : RetryInRounds.Verdict.RETRIABLE;
    }

    private OutboundRecord exported(SegmentationToExport seg, ExportDestination destination, int attempts,
                                    StoreOutcome outcome) {
        SegmentationReference reference = seg.segmentation();
        SegmentationExported exported = new SegmentationExported(seg.sessionId(), seg.requestId(), seg.round(),
                seg.studyInstanceUid(), reference.seriesInstanceUid(), reference.sopInstanceUid(),
                reference.sopClassUid(), destination.name(), destination.aeTitle(), config.callingAeTitle(), attempts,
                outcome.disposition() == StoreOutcome.Disposition.STORED ? ExportOutcome.STORED
                        : ExportOutcome.STORED_WITH_WARNING,
                outcome.dimseStatus().orElse(0), seg.patientPseudonym());
        // Derived from the source event: a redelivered event yields the same event id.
        String eventId = DeterministicIds.id("segmentation-exported", seg.sourceEventId(), destination.name());
        EventEnvelope<SegmentationExported> event = EventEnvelope.withId(eventId, EventType.SEGMENTATION_EXPORTED,
                SOURCE, seg.sessionId(), seg.correlationId(), clock.instant(), exported);
        return OutboundRecord.event(Topic.SEGMENTATION_EXPORTED, event, codec.encodeBytes(event));
    }

    private static OutboundRecord exportDeadLetter(byte[] value, String key, String sourceTopic, String reasonCode,
                                                   ExportDestination destination, int attempts, StoreOutcome outcome) {
        String failure = outcome.failure().map(Enum::name).orElse("");
        return DeadLetter.of(COMPONENT, sourceTopic, reasonCode, failure + ": " + outcome.detail())
                .forDestination(destination.name(), attempts)
                .record(key, value);
    }

    /**
     * What one consumed event asks to export, whichever kind it is.
     *
     * @param kind             for the log: a round's {@code SEG} or a session's {@code final SEG}
     * @param patientPseudonym the patient's pseudonym, passed on to SegmentationExported
     */
    private record SegmentationToExport(String sourceEventId, String correlationId, String sessionId,
                                        String requestId, int round, String studyInstanceUid,
                                        SegmentationReference segmentation, String kind, String patientPseudonym) {
    }

}
