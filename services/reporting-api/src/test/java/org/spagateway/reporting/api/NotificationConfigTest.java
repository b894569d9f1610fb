package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
    void readsEachListedWebhookWithItsOptionalSecret() {
        NotificationConfig config = NotificationConfig.from(ConfigSource.of(Map.of(
                "spa.notify.webhooks", "ris, worklist",
                "spa.notify.webhook.ris.url", "https://ris.example.org/spa/events",
                "spa.notify.webhook.ris.secret", "0123456789abcdef0123",
                "spa.notify.webhook.worklist.url", "http://10.0.0.7:8080/hooks")));

        assertThat(config.webhooks()).extracting(Webhook::name).containsExactly("ris", "worklist");
        assertThat(config.webhooks().get(0).secret()).contains("0123456789abcdef0123");
        assertThat(config.webhooks().get(1).secret()).isEmpty();
        assertThat(config.webhooks().get(0).toString()).doesNotContain("0123456789abcdef").doesNotContain("ris.example");
    }

    @Test
    void takesTheSecretFromTheEnvironment() {
        NotificationConfig config = NotificationConfig.from(new ConfigSource(Map.of(
                "spa.notify.webhooks", "ris",
                "spa.notify.webhook.ris.url", "https://ris.example.org/spa/events"),
                Map.of("SPA_NOTIFY_WEBHOOK_RIS_SECRET", "from-the-environment-1234")));

        assertThat(config.webhooks().get(0).secret()).contains("from-the-environment-1234");
    }

    @Test
    void refusesAWebhookWithoutAnHttpUrl() {
        assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of(
                "spa.notify.webhooks", "ris",
                "spa.notify.webhook.ris.url", "ftp://ris.example.org/"))))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("spa.notify.webhook.ris.url");
        assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of("spa.notify.webhooks", "ris"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.notify.webhook.ris.url");
    }

    @Test
    void refusesAShortSecretAndNamesTheKey() {
        assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of(
                "spa.notify.webhooks", "ris",
                "spa.notify.webhook.ris.url", "https://ris.example.org/",
                "spa.notify.webhook.ris.secret", "short"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.notify.webhook.ris.secret")
                .hasMessageNotContaining("short'");
    }

    @Test
    void refusesAWebhookListedTwiceOrBadlyNamed() {
        assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of("spa.notify.webhooks", "ris,ris",
                "spa.notify.webhook.ris.url", "https://ris.example.org/")))).hasMessageContaining("twice");
        assertThatThrownBy(() -> NotificationConfig.from(ConfigSource.of(Map.of("spa.notify.webhooks", "RIS"))))
                .hasMessageContaining("must match");
    }

    @Test
    void letsTheConsumerWaitLongerThanTheWorstCaseOfOneRecord() {
        NotificationConfig config = NotificationConfig.from(ConfigSource.of(Map.of(
                "spa.notify.webhooks", "ris",
                "spa.notify.webhook.ris.url", "https://ris.example.org/",
                "spa.notify.retry.max-attempts", "20",
                "spa.notify.retry.max-delay", "5m")));

        assertThat(config.maxPollInterval()).isGreaterThan(config.worstCaseRecordTime());
        assertThat(config.maxPollInterval()).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
    }
}
