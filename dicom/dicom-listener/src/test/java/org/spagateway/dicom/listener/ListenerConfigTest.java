package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

class ListenerConfigTest {

    @Test
    void hasSafeDefaults() {
        ListenerConfig config = ListenerConfig.from(ConfigSource.of(Map.of()));

        assertThat(config.aeTitle()).isEqualTo("SPA_GATEWAY");
        assertThat(config.port()).isEqualTo(11112);
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.storageRoot()).isEqualTo(Path.of("data/dicom"));
        assertThat(config.fsync()).as("a C-STORE success survives a power loss by default").isTrue();
        assertThat(config.callingAes()).isEmpty();
        assertThat(config.acceptUnknownCallingAes()).isFalse();
        assertThat(config.logPhi()).isFalse();
        assertThat(config.sopClasses()).contains("1.2.840.10008.5.1.4.1.1.66.4", "1.2.840.10008.5.1.4.1.1.2",
                "1.2.840.10008.5.1.4.1.1.77.1.5.1");
        assertThat(config.sopClasses()).as("Enhanced CT/MR are multi-frame: no task reads them")
                .doesNotContain("1.2.840.10008.5.1.4.1.1.2.1", "1.2.840.10008.5.1.4.1.1.4.1");
        assertThat(config.unusedSopClasses()).isEqualTo(UnusedSopClassPolicy.DISCARD);
        assertThat(config.transferSyntaxes()).startsWith("1.2.840.10008.1.2.1")
                .contains("1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2",
                        "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91");
        assertThat(config.completeness().quietPeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.limits()).isEqualTo(new AssociationLimits(8, 128, Duration.ofSeconds(10), 65536,
                Duration.ofSeconds(60)));
    }

    @Test
    void readsTheAssociationLimits() {
        ListenerConfig config = ListenerConfig.from(ConfigSource.of(Map.of(
                "spa.listener.max-associations", "4",
                "spa.listener.max-pending-associations", "16",
                "spa.listener.association-request-timeout", "5s",
                "spa.listener.max-pdu-length", "16384",
                "spa.listener.idle-timeout", "2m")));

        assertThat(config.limits()).isEqualTo(new AssociationLimits(4, 16, Duration.ofSeconds(5), 16384,
                Duration.ofMinutes(2)));
    }

    @Test
    void refusesTransferSyntaxesWhoseDataSetsTheListenerCannotRead() {
        assertInvalid("spa.listener.transfer-syntaxes", "1.2.840.10008.1.2.1,1.2.840.10008.1.2.2");
        assertInvalid("spa.listener.transfer-syntaxes", "1.2.840.10008.1.2.1.99");
    }

    @Test
    void readsCallingAesPerAeQuietPeriodsAndModalityCounts() {
        ListenerConfig config = ListenerConfig.from(ConfigSource.of(Map.of(
                "spa.listener.calling-aes", "PACS@10.0.0.5, PACS@pacs.example, MODALITY",
                "spa.listener.completeness.quiet-period", "5s",
                "spa.listener.completeness.quiet-period.ae.PACS", "2m",
                "spa.listener.completeness.expected-count.modality.OP", "1")));

        assertThat(config.callingAes()).containsExactly(new CallingAeRule("PACS", Set.of("10.0.0.5")),
                new CallingAeRule("PACS", Set.of("pacs.example")), new CallingAeRule("MODALITY", Set.of()));
        assertThat(config.completeness().quietPeriodFor("PACS")).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.completeness().quietPeriodFor("OTHER")).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.completeness().expectedCountFor("OP")).contains(1);
    }

    @Test
    void turnsFsyncOffOnlyWhenAskedFromPropertiesOrEnvironment() {
        assertThat(ListenerConfig.from(ConfigSource.of(Map.of("spa.listener.storage.fsync", "false"))).fsync())
                .isFalse();
        assertThat(ListenerConfig.from(new ConfigSource(Map.of(), Map.of("SPA_LISTENER_STORAGE_FSYNC", "false")))
                .fsync()).isFalse();
        assertThat(ListenerConfig.from(ConfigSource.of(Map.of("spa.listener.storage.fsync", "true"))).fsync())
                .isTrue();
    }

    @Test
    void namesTheKeyOfAnInvalidValue() {
        assertInvalid("spa.listener.port", "70000");
        assertInvalid("spa.listener.storage.fsync", "sometimes");
        assertInvalid("spa.listener.ae-title", "MUCH_TOO_LONG_AE_TITLE");
        assertInvalid("spa.listener.calling-aes", "BAD\\AE");
        assertInvalid("spa.listener.sop-classes", "1.2.840.10008.5.1.4.1.1.2,../../etc");
        assertInvalid("spa.listener.unused-sop-classes", "ignore");
        assertInvalid("spa.listener.completeness.quiet-period", "0s");
        assertInvalid("spa.listener.max-associations", "0");
        assertInvalid("spa.listener.max-pending-associations", "0");
        assertInvalid("spa.listener.association-request-timeout", "0s");
        assertInvalid("spa.listener.idle-timeout", "0s");
        assertInvalid("spa.listener.max-pdu-length", "100");
        assertInvalid("spa.listener.completeness.expected-count.modality.OP", "none");
    }

    @Test
    void documentsEveryKey() throws IllegalAccessException {
        List<String> documented = ListenerConfig.OPTIONS.stream().map(ConfigOption::key).toList();
        for (Class<?> keys : List.of(ListenerConfig.class, AssociationLimits.class, ListenerTls.class)) {
            for (Field field : keys.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                        && !field.getName().equals("PREFIX")) {
                    String key = (String) field.get(null);
                    assertThat(documented).as("documented keys").anyMatch(d -> d.startsWith(key));
                }
            }
        }
        assertThat(Arrays.asList(ListenerConfig.OPTIONS.stream().map(ConfigOption::description).toArray()))
                .allSatisfy(d -> assertThat((String) d).isNotBlank());
    }

    private static void assertInvalid(String key, String value) {
        assertThatThrownBy(() -> ListenerConfig.from(ConfigSource.of(Map.of(key, value))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }
}
