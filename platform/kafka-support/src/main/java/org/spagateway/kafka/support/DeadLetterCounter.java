package org.spagateway.kafka.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.Topic;

/**
 * Counts the dead letters Kafka acknowledged, by the topic they came from, their reason code and the component that
 * gave up: {@code spa_dead_letters_total{source_topic,reason_code,component}}, the counter an alert on a growing
 * dead-letter topic watches. Read from the {@link DeadLetter} headers every dead letter carries, so each producer of
 * dead letters (the Camel routes' {@link DeadLetterSentNotifier}, the worker, the listener's outbox, the profiles'
 * stream) counts the same way. A tag value that is not shaped like a topic, a reason code or a component name is
 * counted as {@value #OTHER}: no record content, UID or identifier ever becomes a label.
 */
public final class DeadLetterCounter {

    /** Prometheus: {@code spa_dead_letters_total}. */
    public static final String METRIC = "spa.dead.letters";
    static final String OTHER = "other";
    private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._/-]{0,63}");

    private final MeterRegistry registry;

    public DeadLetterCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts {@code record} if it is a dead letter (on {@code spa.dead-letter}); call once Kafka acknowledged it. */
    public void published(OutboundRecord record) {
        if (Topic.DEAD_LETTER.name().equals(record.topic())) {
            published(record.headers());
        }
    }

    /** Counts one acknowledged dead letter from its {@link DeadLetterHeaders}. */
    public void published(Map<String, ?> headers) {
        Counter.builder(METRIC)
                .description("Records put on spa.dead-letter, by source topic, reason code and component")
                .tag("source_topic", tag(headers.get(DeadLetterHeaders.SOURCE_TOPIC), NAME))
                .tag("reason_code", tag(headers.get(DeadLetterHeaders.REASON_CODE), REASON_CODE))
                .tag("component", tag(headers.get(DeadLetterHeaders.COMPONENT), NAME))
                .register(registry)
                .increment();
    }

    private static String tag(Object value, Pattern shape) {
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : value == null ? "" : value.toString();
        return shape.matcher(text).matches() ? text : OTHER;
    }
}
