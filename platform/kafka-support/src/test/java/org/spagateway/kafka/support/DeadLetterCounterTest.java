package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.Topic;

class DeadLetterCounterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeadLetterCounter counter = new DeadLetterCounter(registry);

    @Test
    void countsADeadLetterUnderItsSourceTopicReasonCodeAndComponent() {
        counter.published(DeadLetter.of("routes/inference-router", Topic.STUDY_RECEIVED.name(), "SCHEMA_INVALID",
                "a UID component with a leading zero").record("1.2.3", new byte[0]));
        counter.published(DeadLetter.of("routes/inference-router", Topic.STUDY_RECEIVED.name(), "SCHEMA_INVALID",
                "another").record("1.2.4", new byte[0]));
        counter.published(DeadLetter.of("routes/inference-router", Topic.STUDY_RECEIVED.name(), "MALFORMED_JSON",
                "cut short").record("1.2.5", new byte[0]));

        assertThat(count("spa.study.received", "SCHEMA_INVALID", "routes/inference-router")).isEqualTo(2.0);
        assertThat(count("spa.study.received", "MALFORMED_JSON", "routes/inference-router")).isEqualTo(1.0);
    }

    @Test
    void ignoresRecordsOnOtherTopics() {
        counter.published(new OutboundRecord(Topic.CANDIDATES_READY.name(), "s-1", new byte[0],
                Map.of(DeadLetterHeaders.REASON_CODE, "SCHEMA_INVALID")));

        assertThat(registry.find(DeadLetterCounter.METRIC).counters()).isEmpty();
    }

    @Test
    void readsTheHeadersACamelMessageCarriesAsBytesOrText() {
        counter.published(Map.of(DeadLetterHeaders.SOURCE_TOPIC, "spa.choice.made".getBytes(StandardCharsets.UTF_8),
                DeadLetterHeaders.REASON_CODE, "STALE_ROUND", DeadLetterHeaders.COMPONENT, "choice-topic"));

        assertThat(count("spa.choice.made", "STALE_ROUND", "choice-topic")).isEqualTo(1.0);
    }

    @Test
    void neverTurnsAUidOrFreeTextIntoALabelValue() {
        counter.published(Map.of(DeadLetterHeaders.SOURCE_TOPIC, "1.2.826.0.1.3680043.8.498.1",
                DeadLetterHeaders.REASON_CODE, "study 1.2.3 of patient DOE^JANE",
                DeadLetterHeaders.COMPONENT, "2.25.1234"));

        assertThat(count(DeadLetterCounter.OTHER, DeadLetterCounter.OTHER, DeadLetterCounter.OTHER)).isEqualTo(1.0);
    }

    private double count(String sourceTopic, String reasonCode, String component) {
        return registry.get(DeadLetterCounter.METRIC).tags("source_topic", sourceTopic, "reason_code", reasonCode,
                "component", component).counter().count();
    }
}
