package org.spagateway.reporting.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
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
 * {@link ChoiceIngress} with the caller its {@value #AUTHORIZATION} header proves (the same verifier and the same
 * owner rules as the choice API; a record without a valid token is dead-lettered {@value #UNAUTHENTICATED}, one
 * naming another clinician {@code CLINICIAN_MISMATCH}, one without the role {@code FORBIDDEN}; the dead letter
 * carries its own headers only, never the token). An unreadable record and a refused choice are permanent and
 * dead-lettered with their reason code (the decode reason, or the {@link org.spagateway.sessions.ChoiceRejection}
 * name); an accepted or repeated
 * choice has published its next-round request when this returns. Ledger and Kafka failures propagate, so the offset
 * stays uncommitted and the record is consumed again (a repeat by then).
 */
public final class ChoiceTopicHandler {

    static final String COMPONENT = "routes/choice-topic";
    /** The record header carrying the user's credential, {@code Bearer <jwt>}; never copied to a dead letter. */
    public static final String AUTHORIZATION = "authorization";
    /** Dead-letter reason of a record without a valid bearer token. */
    static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    private static final Logger LOG = LoggerFactory.getLogger(ChoiceTopicHandler.class);

    private final EventCodec codec;
    private final ChoiceIngress ingress;
    private final CallerAuthenticator authenticator;

    /** @param authenticator verifies the record's {@value #AUTHORIZATION} header (development mode: believes all) */
    public ChoiceTopicHandler(EventCodec codec, ChoiceIngress ingress, CallerAuthenticator authenticator) {
        this.codec = codec;
        this.ingress = ingress;
        this.authenticator = authenticator;
    }

    /**
     * @param authorization the record's {@value #AUTHORIZATION} header ({@code Bearer <jwt>}), as the Kafka consumer
     *                      hands it over (bytes) or as text; null when the record has none
     * @return the dead-letter record, or nothing when the choice was accepted or repeated
     */
    public List<OutboundRecord> handle(byte[] value, String key, String sourceTopic, Object authorization)
            throws IOException {
        Caller caller;
        try {
            caller = authenticator.authenticate(text(authorization));
        } catch (InvalidBearerTokenException e) {
            LOG.warn("Dead-lettering a record from {} without a valid bearer token: {}", sourceTopic, e.getMessage());
            return List.of(DeadLetter.of(COMPONENT, sourceTopic, UNAUTHENTICATED, e.getMessage()).record(key, value));
        }
        EventEnvelope<ChoiceMade> choice;
        try {
            choice = codec.decode(value == null ? "" : new String(value, StandardCharsets.UTF_8),
                    EventType.CHOICE_MADE);
        } catch (InvalidEventException e) {
            LOG.warn("Dead-lettering unreadable record from {} ({}): {}", sourceTopic, e.reason(), e.getMessage());
            return List.of(DeadLetter.of(COMPONENT, sourceTopic, e.reason().name(), e.getMessage()).record(key, value));
        }
        ChoiceOutcome outcome = ingress.submit(choice, caller);
        if (outcome.rejected()) {
            LOG.warn("Dead-lettering choice {} on session {} round {}: {}", choice.eventId(), outcome.sessionId(),
                    outcome.round(), outcome.rejection());
            return List.of(DeadLetter.of(COMPONENT, sourceTopic, outcome.rejection().name(), outcome.message())
                    .record(key, value));
        }
        return List.of();
    }

    private static Optional<String> text(Object header) {
        if (header instanceof byte[] bytes) {
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
        return header == null ? Optional.empty() : Optional.of(header.toString());
    }
}
