package org.spagateway.seg.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.sender.StoreDestination;
import org.spagateway.retry.RetrySchedule;

class ExportConfigTest {

    @Test
    void isDisabledWithSafeDefaultsWhenNoDestinationIsConfigured() {
        ExportConfig config = ExportConfig.from(ConfigSource.of(Map.of()));

        assertThat(config.enabled()).isFalse();
        assertThat(config.callingAeTitle()).isEqualTo("SPA_GATEWAY");
        assertThat(config.retry()).isEqualTo(new RetrySchedule(6, Duration.ofSeconds(1), Duration.ofSeconds(60)));
        assertThat(config.storeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.consumerGroup()).isEqualTo("spa-export");
    }

    @Test
    void readsNamedDestinationsInOrderWithRetrySettings() {
        ExportConfig config = ExportConfig.from(ConfigSource.of(Map.of(
                "spa.export.destinations", "pacs, archive",
                "spa.export.destination.pacs.ae-title", "ORTHANC",
                "spa.export.destination.pacs.host", "pacs.hospital.local",
                "spa.export.destination.pacs.port", "4242",
                "spa.export.destination.archive.ae-title", "VNA",
                "spa.export.destination.archive.host", "10.0.0.7",
                "spa.export.destination.archive.port", "104",
                "spa.export.calling-ae-title", "SPA_TEST",
                "spa.export.retry.max-attempts", "3",
                "spa.export.retry.initial-delay", "200ms")));

        assertThat(config.destinations()).containsExactly(
                new CStoreDestination(new StoreDestination("pacs", "ORTHANC", "pacs.hospital.local", 4242)),
                new CStoreDestination(new StoreDestination("archive", "VNA", "10.0.0.7", 104)));
        assertThat(config.callingAeTitle()).isEqualTo("SPA_TEST");
        assertThat(config.retry()).isEqualTo(new RetrySchedule(3, Duration.ofMillis(200), Duration.ofSeconds(60)));
        assertThat(config.worstCaseRecordTime()).isEqualTo(Duration.ofSeconds(30 * 3 * 2).plusMillis(200 + 400));
    }

    @Test
    void letsTheConsumerPollAMinuteAfterTheWorstCaseRecordButNeverUnderFiveMinutes() {
        ExportConfig none = ExportConfig.from(ConfigSource.of(Map.of()));
        ExportConfig three = new ExportConfig("SPA_GATEWAY", List.of(
                new CStoreDestination(new StoreDestination("a", "A", "10.0.0.1", 104)),
                new CStoreDestination(new StoreDestination("b", "B", "10.0.0.2", 104)),
                new CStoreDestination(new StoreDestination("c", "C", "10.0.0.3", 104))), none.retry(),
                Duration.ofSeconds(30), "spa-export");

        assertThat(none.maxPollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(three.maxPollInterval()).isEqualTo(three.worstCaseRecordTime().plusMinutes(1))
                .isGreaterThan(Duration.ofMinutes(5));
    }

    @Test
    void namesTheMissingKeyOfAnIncompleteDestination() {
        assertThatThrownBy(() -> ExportConfig.from(ConfigSource.of(Map.of(
                "spa.export.destinations", "pacs",
                "spa.export.destination.pacs.ae-title", "ORTHANC",
                "spa.export.destination.pacs.port", "4242"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.export.destination.pacs.host");
    }

    @Test
    void rejectsAnInvalidPortAeTitleOrDelayOrder() {
        Map<String, String> base = new HashMap<>(Map.of(
                "spa.export.destinations", "pacs",
                "spa.export.destination.pacs.ae-title", "ORTHANC",
                "spa.export.destination.pacs.host", "pacs",
                "spa.export.destination.pacs.port", "4242"));

        assertThatThrownBy(() -> ExportConfig.from(ConfigSource.of(with(base, "spa.export.destination.pacs.port",
                "70000")))).isInstanceOf(ConfigException.class).hasMessageContaining("spa.export.destination.pacs.port");
        assertThatThrownBy(() -> ExportConfig.from(ConfigSource.of(with(base, "spa.export.destination.pacs.ae-title",
                "A_TITLE_FAR_TOO_LONG")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.export.destination.pacs.ae-title");
        assertThatThrownBy(() -> ExportConfig.from(ConfigSource.of(with(base, "spa.export.retry.max-delay", "10ms"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.export.retry.max-delay");
        assertThatThrownBy(() -> ExportConfig.from(ConfigSource.of(with(base, "spa.export.destinations", "pacs,pacs"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
    }

    @Test
    void takesTheCallingAeTitleFromTheEnvironment() {
        ExportConfig config = ExportConfig.from(new ConfigSource(Map.of(),
                Map.of("SPA_EXPORT_CALLING_AE_TITLE", "FROM_ENV")));

        assertThat(config.callingAeTitle()).isEqualTo("FROM_ENV");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
