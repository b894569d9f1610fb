package org.spagateway.kafka.support;

import java.util.Map;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.Topic;
import java.util.Objects;

/**
 * A Kafka record to publish, independent of Camel: what the plain decision classes hand to their routes, which
 * send it with {@link OutboundRecordWriter}.
 *
 * @param topic   target topic
 * @param key     record key, or null (a dead-lettered record keeps the original, possibly absent, key)
 * @param value   record value, or null for a dead-lettered tombstone
 * @param headers Kafka record headers, as UTF-8 strings
 */
public record OutboundRecord(String topic, String key, byte[] value, Map<String, String> headers) {

    public OutboundRecord {
        Objects.requireNonNull(topic, "topic");
        headers = Map.copyOf(headers);
    }

    /** {@code event}, encoded as {@code value}, keyed by its subject, with its {@link TraceParent}. */
    public static OutboundRecord event(Topic topic, EventEnvelope<?> event, byte[] value) {
        return new OutboundRecord(topic.name(), event.subject(), value, Map.of(TraceParent.HEADER,
                TraceParent.of(event)));
    }
}
