package org.spagateway.reporting.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.ChoiceMade;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InvalidEventException;
import org.spagateway.kafka.support.DeadLetter;
import org.spagateway.kafka.support.OutboundRecord;

/**
 * Everything the {@code choice-topic} route does with one ChoiceMade record, without Camel: decode, then the
 * {@link ChoiceIngress}. An unreadable record and a refused choice are permanent and dead-lettered with their reason
 * code (the decode reason, or the {@link org.spagateway.sessions.ChoiceRejection} name); an accepted or repeated
 * choice has published its next-round request when this returns. Ledger and Kafka failures propagate, so the offset
 * stays uncommitted and the record is consumed again (a repeat by then).
 */
public final class ChoiceTopicHandler {

    static final String COMPONENT = "routes/choice-topic";
    private static final Logger LOG = LoggerFactory.getLogger(ChoiceTopicHandler.class);

    private final EventCodec codec;
    private final ChoiceIngress ingress;

    public ChoiceTopicHandler(EventCodec codec, ChoiceIngress ingress) {
        this.codec = codec;
        this.ingress = ingress;
    }

    /** @return the dead-letter record, or nothing when the choice was accepted or repeated */
    public List<OutboundRecord> handle(byte[] value, String key, String sourceTopic) throws IOException {
        EventEnvelope<ChoiceMade> choice;
        try {
            choice = codec.decode(value == null ? "" : new String(value, StandardCharsets.UTF_8),
                    EventType.CHOICE_MADE);
        } catch (InvalidEventException e) {
            LOG.warn("Dead-lettering unreadable record from {} ({}): {}", sourceTopic, e.reason(), e.getMessage());
            return List.of(DeadLetter.of(COMPONENT, sourceTopic, e.reason().name(), e.getMessage()).record(key, value));
        }
        ChoiceOutcome outcome = ingress.submit(choice);
        if (outcome.rejected()) {
            LOG.warn("Dead-lettering choice {} on session {} round {}: {}", choice.eventId(), outcome.sessionId(),
                    outcome.round(), outcome.rejection());
            return List.of(DeadLetter.of(COMPONENT, sourceTopic, outcome.rejection().name(), outcome.message())
                    .record(key, value));
        }
        return List.of();
    }
}
