package org.spagateway.study.routing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.StudyNotRouted;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.DeadLetter;
import org.spagateway.kafka.support.OutboundRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.kafka.support.CorrelationScope;
import org.spagateway.events.DeterministicIds;

/**
 * Everything the inference router does with one consumed record, without Camel: decode, decide, and name the records
 * to publish. Every input ends as inference requests, a not-routed event, or a dead-letter record, never nothing.
 *
 * <p>Failure policy: an unreadable record, and a routing failure on a readable one, are permanent (the same bytes
 * fail the same way on every retry), so they are dead-lettered with a reason code instead of blocking the partition.
 * Kafka publishing failures are not handled here: the route lets them propagate so the record is consumed again.
 */
public final class StudyReceivedHandler {

    /** Dead-letter reason code for a valid event the router failed on (a defect, not bad input). */
    public static final String ROUTING_FAILED = "ROUTING_FAILED";
    static final String SOURCE = "/spa-gateway/routes";
    static final String COMPONENT = "routes/inference-router";
    private static final Logger LOG = LoggerFactory.getLogger(StudyReceivedHandler.class);

    private final EventCodec codec;
    private final TaskRouter router;
    private final Clock clock;

    public StudyReceivedHandler(EventCodec codec, TaskRouter router, Clock clock) {
        this.codec = codec;
        this.router = router;
        this.clock = clock;
    }

    public List<OutboundRecord> handle(byte[] value, String key, String sourceTopic) {
        EventEnvelope<StudyReceived> event;
        try {
            String json = value == null ? "" : new String(value, StandardCharsets.UTF_8);
            event = codec.decode(json, EventType.STUDY_RECEIVED);
        } catch (InvalidEventException e) {
            LOG.warn("Dead-lettering unreadable record from {} ({}): {}", sourceTopic, e.reason(), e.getMessage());
            return List.of(deadLetter(value, key, sourceTopic, e.reason().name(), e.getMessage()));
        }
        try (CorrelationScope scope = CorrelationScope.open(event.correlationId())) {
            try {
                RoutingDecision decision = router.decide(event.data());
                List<OutboundRecord> records = toRecords(event, decision);
                LOG.info("Study version {} (event {}): {}", event.data().version(), event.eventId(),
                        decision.notRouted().map(n -> "not routed, " + n.reasonCode())
                                .orElse(decision.requests().size() + " inference request(s)"));
                return records;
            } catch (RuntimeException e) {
                LOG.error("Dead-lettering event {}: routing failed", event.eventId(), e);
                return List.of(deadLetter(value, key, sourceTopic, ROUTING_FAILED, e.toString()));
            }
        }
    }

    private List<OutboundRecord> toRecords(EventEnvelope<StudyReceived> source, RoutingDecision decision) {
        String studyUid = source.data().studyInstanceUid();
        List<OutboundRecord> records = new ArrayList<>();
        for (InferenceRequested request : decision.requests()) {
            // Derived from the source event: a redelivered StudyReceived yields the very same events.
            String eventId = DeterministicIds.id("inference-requested", source.eventId(), request.requestId());
            records.add(record(Topic.INFERENCE_REQUESTED, EventEnvelope.withId(eventId, EventType.INFERENCE_REQUESTED,
                    SOURCE, studyUid, source.correlationId(), clock.instant(), request)));
        }
        decision.notRouted().ifPresent(notRouted -> {
            String eventId = DeterministicIds.id("study-not-routed", source.eventId());
            EventEnvelope<StudyNotRouted> event = EventEnvelope.withId(eventId, EventType.STUDY_NOT_ROUTED, SOURCE,
                    studyUid, source.correlationId(), clock.instant(), notRouted);
            records.add(record(Topic.STUDY_NOT_ROUTED, event));
        });
        return records;
    }

    private OutboundRecord record(Topic topic, EventEnvelope<?> event) {
        return OutboundRecord.event(topic, event, codec.encodeBytes(event));
    }

    private static OutboundRecord deadLetter(byte[] value, String key, String sourceTopic, String reasonCode,
                                             String reason) {
        return DeadLetter.of(COMPONENT, sourceTopic, reasonCode, reason).record(key, value);
    }

}
