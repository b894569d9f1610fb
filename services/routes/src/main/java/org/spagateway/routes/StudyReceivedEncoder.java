package org.spagateway.routes;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.OutboundRecord;

/**
 * Turns the listener's {@link StudyReceived} event into its Kafka record, keyed by StudyInstanceUID so every version
 * of a study lands on one partition, in order. Validates against the published schema first: an event that breaks
 * the contract is refused at the producer rather than dead-lettered by every consumer.
 */
public final class StudyReceivedEncoder {

    private final EventCodec codec;

    public StudyReceivedEncoder(EventCodec codec) {
        this.codec = codec;
    }

    /** @throws InvalidEventException when the event breaks its schema or its subject is not the study UID */
    public OutboundRecord toRecord(EventEnvelope<StudyReceived> event) {
        String studyUid = event.data().studyInstanceUid();
        if (event.subject() != null && !event.subject().equals(studyUid)) {
            throw new InvalidEventException(InvalidEventException.Reason.SCHEMA_INVALID,
                    "subject must be the StudyInstanceUID of the data");
        }
        String json = codec.encode(event);
        Set<String> problems = codec.validate(json, EventType.STUDY_RECEIVED);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(InvalidEventException.Reason.SCHEMA_INVALID,
                    String.join("; ", new TreeSet<>(problems)));
        }
        return new OutboundRecord(Topic.STUDY_RECEIVED.name(), studyUid,
                json.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
