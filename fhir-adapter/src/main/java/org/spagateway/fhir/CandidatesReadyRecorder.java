package org.spagateway.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.Topic;
import org.spagateway.kafkasupport.DeadLetter;
import org.spagateway.kafkasupport.OutboundRecord;

/**
 * Everything the adapter does with one consumed CandidatesReady record, without Camel: decode, map, store as one FHIR
 * transaction. Returns the dead-letter records to publish (none when stored).
 *
 * <p>Failure policy ({@link FhirWriteFailurePolicy}): an unreadable record, and one the server rejects for good, are
 * dead-lettered with a reason code; a server that cannot store it now makes this throw
 * {@link FhirServerUnavailableException}, so the offset stays uncommitted and the record comes again.
 */
public final class CandidatesReadyRecorder {

    static final String COMPONENT = "fhir-adapter/candidates-ready";
    static final String FHIR_REJECTED = StudyReceivedRecorder.FHIR_REJECTED;
    static final String MAPPING_FAILED = StudyReceivedRecorder.MAPPING_FAILED;
    private static final String MDC_CORRELATION_ID = "correlationId";
    private static final Logger LOG = LoggerFactory.getLogger(CandidatesReadyRecorder.class);

    private final EventCodec codec;
    private final IGenericClient client;
    private final CandidatesTransactionBuilder transactions = new CandidatesTransactionBuilder();
    private final FhirWriteFailurePolicy policy = new FhirWriteFailurePolicy();

    public CandidatesReadyRecorder(EventCodec codec, IGenericClient client) {
        this.codec = codec;
        this.client = client;
    }

    public List<OutboundRecord> record(byte[] value, String key, String sourceTopic) {
        EventEnvelope<CandidatesReady> event;
        try {
            event = codec.decode(value == null ? "" : new String(value, StandardCharsets.UTF_8),
                    EventType.CANDIDATES_READY);
        } catch (InvalidEventException e) {
            LOG.warn("Dead-lettering unreadable record from {} ({}): {}", sourceTopic, e.reason(), e.getMessage());
            return List.of(deadLetter(value, key, sourceTopic, e.reason().name(), e.getMessage()));
        }
        MDC.put(MDC_CORRELATION_ID, event.correlationId());
        try {
            Bundle transaction;
            try {
                transaction = transactions.build(event);
            } catch (RuntimeException e) {
                LOG.error("Dead-lettering event {}: mapping failed", event.eventId(), e);
                return List.of(deadLetter(value, key, sourceTopic, MAPPING_FAILED, e.toString()));
            }
            return store(transaction, event, value, key, sourceTopic);
        } finally {
            MDC.remove(MDC_CORRELATION_ID);
        }
    }

    private List<OutboundRecord> store(Bundle transaction, EventEnvelope<CandidatesReady> event, byte[] value,
                                       String key, String sourceTopic) {
        try {
            Bundle response = client.transaction().withBundle(transaction).execute();
            LOG.info("Recorded candidate set of session {} round {} (event {}) in FHIR: {}",
                    event.data().sessionId(), event.data().round(), event.eventId(),
                    response.getEntry().stream().map(e -> e.getResponse().getStatus()).toList());
            return List.of();
        } catch (RuntimeException e) {
            if (policy.classify(e) == FhirWriteFailurePolicy.Verdict.RETRY) {
                LOG.warn("FHIR server cannot store event {} now, it will be consumed again: {}", event.eventId(),
                        e.toString());
                throw new FhirServerUnavailableException("FHIR server unavailable for event " + event.eventId(), e);
            }
            LOG.error("Dead-lettering event {}: the FHIR server rejected it", event.eventId(), e);
            return List.of(deadLetter(value, key, sourceTopic, FHIR_REJECTED, e.getMessage()));
        }
    }

    private static OutboundRecord deadLetter(byte[] value, String key, String sourceTopic, String reasonCode,
                                             String reason) {
        return DeadLetter.of(COMPONENT, sourceTopic == null ? Topic.CANDIDATES_READY.name() : sourceTopic, reasonCode,
                reason).record(key, value);
    }
}
