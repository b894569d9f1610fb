package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.Topic;

class DeadLetterTest {

    @Test
    void keepsTheConsumedKeyAndValueAndNamesWhyWhereFromAndWho() {
        byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);

        OutboundRecord record = DeadLetter.of("routes/inference-router", "spa.study.received", "MALFORMED_JSON",
                "unexpected end").record("2.25.1", value);

        assertThat(record.topic()).isEqualTo(Topic.DEAD_LETTER.name());
        assertThat(record.key()).isEqualTo("2.25.1");
        assertThat(record.value()).isEqualTo(value);
        assertThat(record.headers()).isEqualTo(Map.of(
                DeadLetterHeaders.REASON_CODE, "MALFORMED_JSON",
                DeadLetterHeaders.REASON, "unexpected end",
                DeadLetterHeaders.SOURCE_TOPIC, "spa.study.received",
                DeadLetterHeaders.COMPONENT, "routes/inference-router"));
    }

    @Test
    void namesTheExportDestinationAndAttempts() {
        DeadLetter deadLetter = DeadLetter.of("routes/seg-export", "spa.candidates.ready", "EXPORT_FAILED",
                "CONNECTION_FAILED: refused").forDestination("pacs-a", 6);

        assertThat(deadLetter.headers())
                .containsEntry(DeadLetterHeaders.DESTINATION, "pacs-a")
                .containsEntry(DeadLetterHeaders.ATTEMPTS, "6")
                .containsEntry(DeadLetterHeaders.REASON_CODE, "EXPORT_FAILED")
                .hasSize(6);
    }

    @Test
    void cutsALongReasonAndFallsBackToTheCodeWithoutOne() {
        String stackTrace = "x".repeat(5_000);

        assertThat(DeadLetter.of("c", "t", "ROUTING_FAILED", stackTrace).reason())
                .hasSize(DeadLetter.MAX_REASON_LENGTH);
        assertThat(DeadLetter.of("c", "t", "ROUTING_FAILED", null).reason()).isEqualTo("ROUTING_FAILED");
    }

    @Test
    void leavesAnUnknownSourceTopicEmptyAndATombstoneWithoutValueOrKey() {
        OutboundRecord record = DeadLetter.of("c", null, "MALFORMED_JSON", "empty").record(null, null);

        assertThat(record.headers()).containsEntry(DeadLetterHeaders.SOURCE_TOPIC, "");
        assertThat(record.key()).isNull();
        assertThat(record.value()).isNull();
    }
}
