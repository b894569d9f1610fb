package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

class NotificationConfigTest {

    @Test
    void noWebhookMeansNoNotifications() {
        NotificationConfig config = NotificationConfig.from(ConfigSource.of(Map.of()));

        assertThat(config.enabled()).isFalse();
        assertThat(config.consumerGroup()).isEqualTo("spa-notify");
        assertThat(config.retry().maxAttempts()).isEqualTo(6);
    }

    @Test
    void readsEachListedWebhookWithItsSecretsTwoWhileRotating() {
        NotificationConfig config = NotificationConfig.from(ConfigSource.of(Map.of(
                "spa.notify.webhooks", "ris, worklist",
                "spa.notify.webhook.ris.url", "https://ris.example.org/spa/events",
                "spa.notify.webhook.ris.secret", WebhookSignatureTest.SECRET,
                "spa.notify.webhook.worklist.url", "http://127.0.0.1:8080/hooks",
                "spa.notify.webhook.worklist.secret", WebhookSignatureTest.SECRET + "," + WebhookSignatureTest.OTHER_SECRET,
                NotificationConfig.ALLOW_HTTP_LOOPBACK, "true")));

        assertThat(config.webhooks()).extracting(Webhook::name).containsExactly("ris", "worklist");
        assertThat(config.webhooks().get(0).secrets()).containsExactly(WebhookSignatureTest.SECRET);
        assertThat(config.webhooks().get(1).secrets()).hasSize(2);
        assertThat(config.webhooks().get(0).toString()).doesNotContain("whsec").doesNotContain("ris.example");
    }

    @Test
    void takesTheSecretFromTheEnvironment() {
        NotificationConfig config = NotificationConfig.from(new ConfigSource(Map.of(
                "spa.notify.webhooks", "ris",
                "spa.notify.webhook.ris.url", "https://ris.example.org/spa/events"),
                Map.of("SPA_NOTIFY_WEBHOOK_RIS_SECRET", WebhookSignatureTest.OTHER_SECRET)));

        assertThat(config.webhooks().get(0).secrets()).containsExactly(WebhookSignatureTest.OTHER_SECRET);
    }

    @Test
    void refusesAWebhookWithoutAnHttpsUrl() {
        assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of(
                "spa.notify.webhooks", "ris",
                "spa.notify.webhook.ris.url", "ftp://ris.example.org/",
                "spa.notify.webhook.ris.secret", WebhookSignatureTest.SECRET))))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("spa.notify.webhook.ris.url");
        assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of("spa.notify.webhooks", "ris"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.notify.webhook.ris.url");
    }

    @Test
    void refusesPlainHttpButToALoopbackAddressWhenAllowed() {
        for (String url : List.of("http://10.0.0.7:8080/hooks", "http://ris.example.org/", "http://127.0.0.1:8080/")) {
            assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of(
                    "spa.notify.webhooks", "ris",
                    "spa.notify.webhook.ris.url", url,
                    "spa.notify.webhook.ris.secret", WebhookSignatureTest.SECRET)))).as(url)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("must be https");
        }
        assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of(
                "spa.notify.webhooks", "ris",
                "spa.notify.webhook.ris.url", "http://10.0.0.7:8080/hooks",
                "spa.notify.webhook.ris.secret", WebhookSignatureTest.SECRET,
                NotificationConfig.ALLOW_HTTP_LOOPBACK, "true")))).hasMessageContaining("must be https");
    }

    @Test
    void refusesAWebhookWithoutASecretOrWithAWeakOneAndNamesTheKey() {
        assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of(
                "spa.notify.webhooks", "ris",
                "spa.notify.webhook.ris.url", "https://ris.example.org/"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.notify.webhook.ris.secret")
                .hasMessageContaining("always signed");
        assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of(
                "spa.notify.webhooks", "ris",
                "spa.notify.webhook.ris.url", "https://ris.example.org/",
                "spa.notify.webhook.ris.secret", "whsec_c2hvcnQ="))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.notify.webhook.ris.secret")
                .hasMessageNotContaining("c2hvcnQ");
    }

    @Test
    void refusesAWebhookListedTwiceOrBadlyNamed() {
        assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of("spa.notify.webhooks", "ris,ris",
                "spa.notify.webhook.ris.url", "https://ris.example.org/",
                "spa.notify.webhook.ris.secret", WebhookSignatureTest.SECRET)))).hasMessageContaining("twice");
        assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of("spa.notify.webhooks", "RIS"))))
                .hasMessageContaining("must match");
    }

    @Test
    void letsTheConsumerWaitLongerThanTheWorstCaseOfOneRecord() {
        NotificationConfig config = NotificationConfig.from(ConfigSource.of(Map.of(
                "spa.notify.webhooks", "ris",
                "spa.notify.webhook.ris.url", "https://ris.example.org/",
                "spa.notify.webhook.ris.secret", WebhookSignatureTest.SECRET,
                "spa.notify.retry.max-attempts", "20",
                "spa.notify.retry.max-delay", "5m")));

        assertThat(config.maxPollInterval()).isGreaterThan(config.worstCaseRecordTime());
        assertThat(config.maxPollInterval()).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
    }
}
