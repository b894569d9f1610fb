package org.spagateway.fhir.adapter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.RecordsAccessed;
import org.spagateway.events.SegmentationExported;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.DeadLetter;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.kafka.support.CorrelationScope;

/**
 * Everything the adapter does with one consumed event record, without Camel: decode, map to one FHIR transaction,
 * store it ({@link RecordTransactionWriter}: merged into the study's ImagingStudy where the event adds series to
 * it). Returns the dead-letter records to publish (none when stored).
 *
 * <p>Failure policy ({@link FhirWriteFailurePolicy}, {@link FhirWriteAttempts}): an unreadable record, and one the
 * server refuses for good while it answers, are dead-lettered with a reason code; a server that cannot store it now
 * makes this throw {@link FhirServerUnavailableException}, so the offset stays uncommitted and the record comes again,
 * however long the outage lasts.
 *
 * @param <T> the event payload
 */
public final class EventRecorder<T> {

    static final String STUDY_RECEIVED_COMPONENT = "fhir-adapter/study-received";
    static final String CANDIDATES_READY_COMPONENT = "fhir-adapter/candidates-ready";
    static final String CHOICE_APPLIED_COMPONENT = "fhir-adapter/choice-applied";
    static final String SESSION_APPROVED_COMPONENT = "fhir-adapter/session-approved";
    static final String SEGMENTATION_EXPORTED_COMPONENT = "fhir-adapter/segmentation-exported";
    static final String RECORDS_ACCESSED_COMPONENT = "fhir-adapter/records-accessed";
    static final String FHIR_REJECTED = "FHIR_REJECTED";
    static final String MAPPING_FAILED = "MAPPING_FAILED";
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final EventCodec codec;
    private final FhirWriteAttempts writes;
    private final EventType type;
    private final Topic topic;
    private final String component;
    private final Function<EventEnvelope<T>, RecordTransaction> transactions;
    private final Function<EventEnvelope<T>, String> description;

    private EventRecorder(EventCodec codec, FhirWriteAttempts writes, EventType type, Topic topic, String component,
                          Function<EventEnvelope<T>, RecordTransaction> transactions,
                          Function<EventEnvelope<T>, String> description) {
        this.codec = codec;
        this.writes = writes;
        this.type = type;
        this.topic = topic;
        this.component = component;
        this.transactions = transactions;
        this.description = description;
    }

    /** StudyReceived -> the source series in the study's ImagingStudy and the import AuditEvent. */
    public static EventRecorder<StudyReceived> studyReceived(EventCodec codec, FhirWriteAttempts writes) {
        return new EventRecorder<>(codec, writes, EventType.STUDY_RECEIVED, Topic.STUDY_RECEIVED,
                STUDY_RECEIVED_COMPONENT, new StudyTransactionBuilder()::transaction,
                event -> "study version " + event.data().version());
    }

    /** CandidatesReady -> the model Device, the round's SEG in the study's ImagingStudy and its AI-Provenance. */
    public static EventRecorder<CandidatesReady> candidatesReady(EventCodec codec, FhirWriteAttempts writes) {
        return new EventRecorder<>(codec, writes, EventType.CANDIDATES_READY, Topic.CANDIDATES_READY,
                CANDIDATES_READY_COMPONENT, new CandidatesTransactionBuilder()::transaction,
                event -> "candidate set of session " + event.data().sessionId() + " round " + event.data().round());
    }

    /** ChoiceApplied -> the clinician's Practitioner, the choice Provenance and the "choice received" AuditEvent. */
    public static EventRecorder<ChoiceApplied> choiceApplied(EventCodec codec, FhirWriteAttempts writes) {
        return new EventRecorder<>(codec, writes, EventType.CHOICE_APPLIED, Topic.CHOICE_APPLIED,
                CHOICE_APPLIED_COMPONENT, new ChoiceTransactionBuilder()::transaction,
                event -> "choice of session " + event.data().sessionId() + " round " + event.data().round()
                        + " by " + event.data().clinician().id());
    }

    /**
     * SessionApproved -> the final SEG in the study's ImagingStudy and its AI-Provenance with the approving clinician
     * as verifier.
     */
    public static EventRecorder<SessionApproved> sessionApproved(EventCodec codec, FhirWriteAttempts writes) {
        return new EventRecorder<>(codec, writes, EventType.SESSION_APPROVED, Topic.SESSION_APPROVED,
                SESSION_APPROVED_COMPONENT, new ApprovalTransactionBuilder()::transaction,
                event -> "approval of session " + event.data().sessionId());
    }

    /** SegmentationExported -> the export AuditEvent. */
    public static EventRecorder<SegmentationExported> segmentationExported(EventCodec codec, FhirWriteAttempts writes) {
        return new EventRecorder<>(codec, writes, EventType.SEGMENTATION_EXPORTED, Topic.SEGMENTATION_EXPORTED,
                SEGMENTATION_EXPORTED_COMPONENT, new ExportTransactionBuilder()::transaction,
                event -> "export of session " + event.data().sessionId() + " round " + event.data().round()
                        + " to " + event.data().destination());
    }

    /** RecordsAccessed -> the read/query AuditEvent. */
    public static EventRecorder<RecordsAccessed> recordsAccessed(EventCodec codec, FhirWriteAttempts writes) {
        return new EventRecorder<>(codec, writes, EventType.RECORDS_ACCESSED, Topic.AUDIT_ACCESS,
                RECORDS_ACCESSED_COMPONENT, new AccessTransactionBuilder()::transaction,
                event -> event.data().action() + " of " + event.data().api() + " records");
    }

    Topic topic() {
        return topic;
    }

    /** The {@code spa_dlq_component} of its dead letters. */
    String component() {
        return component;
    }

    public List<OutboundRecord> record(byte[] value, String key, String sourceTopic) {
        EventEnvelope<T> event;
        try {
            event = codec.decode(value == null ? "" : new String(value, StandardCharsets.UTF_8), type);
        } catch (InvalidEventException e) {
            LOG.warn("Dead-lettering unreadable record from {} ({}): {}", sourceTopic, e.reason(), e.getMessage());
            return List.of(deadLetter(value, key, sourceTopic, e.reason().name(), e.getMessage()));
        }
        try (CorrelationScope scope = CorrelationScope.open(event.correlationId())) {
            RecordTransaction transaction;
            try {
                transaction = transactions.apply(event);
            } catch (RuntimeException e) {
                LOG.error("Dead-lettering event {}: mapping failed", event.eventId(), e);
                return List.of(deadLetter(value, key, sourceTopic, MAPPING_FAILED, e.toString()));
            }
            return store(transaction, event, value, key, sourceTopic);
        }
    }

    private List<OutboundRecord> store(RecordTransaction transaction, EventEnvelope<T> event, byte[] value, String key,
                                       String sourceTopic) {
        FhirWriteAttempts.Outcome outcome = writes.store(transaction, "event " + event.eventId());
        if (outcome.isStored()) {
            LOG.info("Recorded {} (event {}) in FHIR: {}", description.apply(event), event.eventId(),
                    outcome.response().orElseThrow().getEntry().stream().map(e -> e.getResponse().getStatus())
                            .toList());
            return List.of();
        }
        LOG.error("Dead-lettering event {}: the FHIR server refused it, {}", event.eventId(), outcome.refusal());
        return List.of(deadLetter(value, key, sourceTopic, FHIR_REJECTED, outcome.refusal()));
    }

    private OutboundRecord deadLetter(byte[] value, String key, String sourceTopic, String reasonCode,
                                      String reason) {
        return DeadLetter.of(component, sourceTopic == null ? topic.name() : sourceTopic, reasonCode, reason)
                .record(key, value);
    }
}
