package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.retry.Jitter;

class WebhookNotifierTest {

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({"200, DELIVERED", "202, DELIVERED", "204, DELIVERED", "301, PERMANENT", "400, PERMANENT",
            "401, PERMANENT", "404, PERMANENT", "408, RETRIABLE", "410, PERMANENT", "429, RETRIABLE",
            "500, RETRIABLE", "502, RETRIABLE", "503, RETRIABLE"})
    void classifiesEachAnswerByWhetherRetryingCanChangeIt(int status, WebhookNotifier.Disposition expected) {
        assertThat(WebhookNotifier.classify(status)).isEqualTo(expected);
    }

    @Test
    void deadLettersAnUnreadableEventWithoutPostingIt() throws Exception {
        NotificationConfig config = NotificationConfig.from(ConfigSource.of(Map.of(
                NotificationConfig.WEBHOOKS, "ris",
                "spa.notify.webhook.ris.url", "http://127.0.0.1:9/never-called",
                "spa.notify.webhook.ris.secret", WebhookSignatureTest.SECRET,
                NotificationConfig.ALLOW_HTTP_LOOPBACK, "true")));
        byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);
        try (WebhookNotifier notifier = new WebhookNotifier(new EventCodec(), config, duration -> {
            throw new AssertionError("no retry expected");
        }, Jitter.NONE, Clock.systemUTC())) {
            List<OutboundRecord> records = notifier.handle(value, "session-1", Topic.CANDIDATES_READY.name());

            assertThat(records).singleElement().satisfies(dead -> {
                assertThat(dead.topic()).isEqualTo(Topic.DEAD_LETTER.name());
                assertThat(dead.value()).isEqualTo(value);
                assertThat(dead.headers()).containsEntry(DeadLetterHeaders.REASON_CODE, "MALFORMED_JSON")
                        .containsEntry(DeadLetterHeaders.COMPONENT, "routes/webhook-notification");
            });
        }
    }
}
