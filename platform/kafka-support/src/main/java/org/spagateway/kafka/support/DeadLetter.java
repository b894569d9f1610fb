package org.spagateway.kafka.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.Topic;

/**
 * Why a consumer gives up on a record, as the {@link DeadLetterHeaders} of the record's copy on
 * {@code spa.dead-letter}. The copy keeps the consumed key and value unchanged, so it can be inspected and replayed.
 *
 * @param component   the component that gave up, e.g. {@code routes/inference-router}
 * @param sourceTopic the topic the record was consumed from, empty when unknown
 * @param reasonCode  machine-readable reason, e.g. {@code SCHEMA_INVALID}
 * @param reason      human-readable reason, at most {@value #MAX_REASON_LENGTH} characters (longer ones are cut;
 *                    none gives the reason code)
 * @param destination the export destination (its configured name) the record failed for, if any
 * @param attempts    how many delivery attempts were made before giving up, if counted
 */
public record DeadLetter(String component, String sourceTopic, String reasonCode, String reason,
                         Optional<String> destination, OptionalInt attempts) {

    /** Keeps a stack-trace-sized message from bloating every dead-letter record. */
    public static final int MAX_REASON_LENGTH = 1_000;

    public DeadLetter {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(attempts, "attempts");
        sourceTopic = sourceTopic == null ? "" : sourceTopic;
        reason = reason == null ? reasonCode
                : reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
    }

    public static DeadLetter of(String component, String sourceTopic, String reasonCode, String reason) {
        return new DeadLetter(component, sourceTopic, reasonCode, reason, Optional.empty(), OptionalInt.empty());
    }

    /** The same reason, for one export destination that was tried {@code attempts} times. */
    public DeadLetter forDestination(String destinationName, int attemptCount) {
        return new DeadLetter(component, sourceTopic, reasonCode, reason, Optional.of(destinationName),
                OptionalInt.of(attemptCount));
    }

    public Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        headers.put(DeadLetterHeaders.REASON_CODE, reasonCode);
        headers.put(DeadLetterHeaders.REASON, reason);
        headers.put(DeadLetterHeaders.SOURCE_TOPIC, sourceTopic);
        headers.put(DeadLetterHeaders.COMPONENT, component);
        destination.ifPresent(name -> headers.put(DeadLetterHeaders.DESTINATION, name));
        attempts.ifPresent(count -> headers.put(DeadLetterHeaders.ATTEMPTS, String.valueOf(count)));
        return Map.copyOf(headers);
    }

    /** The record to publish: the consumed key and value (either possibly null) on {@code spa.dead-letter}. */
    public OutboundRecord record(String key, byte[] value) {
        return new OutboundRecord(Topic.DEAD_LETTER.name(), key, value, headers());
    }
}
