package org.spagateway.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSourceTest {

    @Test
    void environmentOverridesProperties() {
        ConfigSource source = new ConfigSource(
                Map.of("spa.listener.port", "11112"), Map.of("SPA_LISTENER_PORT", "4242"));

        assertThat(source.integer("spa.listener.port", 104, 1, 65535)).isEqualTo(4242);
    }

    @Test
    void dashedKeysMapToUnderscoredEnvironmentNames() {
        assertThat(ConfigSource.environmentName("spa.listener.quiet-period")).isEqualTo("SPA_LISTENER_QUIET_PERIOD");
    }

    @Test
    void missingValueFallsBackToDefault() {
        assertThat(ConfigSource.of(Map.of()).duration("spa.x", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void parsesShortAndIsoDurations() {
        ConfigSource source = ConfigSource.of(Map.of("a", "500ms", "b", "2m", "c", "PT1.5S"));

        assertThat(source.duration("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(source.duration("b", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(source.duration("c", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void invalidIntegerErrorNamesTheKeyAndItsEnvironmentName() {
        ConfigSource source = ConfigSource.of(Map.of("spa.listener.port", "eleven"));

        assertThatThrownBy(() -> source.integer("spa.listener.port", 104, 1, 65535))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.listener.port")
                .hasMessageContaining("SPA_LISTENER_PORT")
                .hasMessageContaining("not an integer");
    }

    @Test
    void outOfRangeIntegerIsRejected() {
        ConfigSource source = ConfigSource.of(Map.of("spa.listener.port", "70000"));

        assertThatThrownBy(() -> source.integer("spa.listener.port", 104, 1, 65535))
                .hasMessageContaining("outside [1, 65535]");
    }

    @Test
    void invalidDurationIsRejectedWithExamples() {
        ConfigSource source = ConfigSource.of(Map.of("spa.q", "soon"));

        assertThatThrownBy(() -> source.duration("spa.q", Duration.ZERO))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.q")
                .hasMessageContaining("30s");
    }

    @Test
    void invalidBooleanIsRejected() {
        assertThatThrownBy(() -> ConfigSource.of(Map.of("spa.b", "maybe")).bool("spa.b", false))
                .hasMessageContaining("spa.b");
    }

    @Test
    void listsAreCommaSeparatedAndTrimmed() {
        ConfigSource source = ConfigSource.of(Map.of("spa.aes", " A , B,,C "));

        assertThat(source.list("spa.aes", List.of())).containsExactly("A", "B", "C");
    }

    @Test
    void namesUnderPrefixAreDistinctAndSorted() {
        ConfigSource source = ConfigSource.of(Map.of(
                "spa.routing.rule.fundus.task", "t1",
                "spa.routing.rule.fundus.modality", "OP",
                "spa.routing.rule.ct.task", "t2"));

        assertThat(source.namesUnder("spa.routing.rule.")).containsExactly("ct", "fundus");
    }

    @Test
    void requiredStringMustBePresent() {
        assertThatThrownBy(() -> ConfigSource.of(Map.of()).requiredString("spa.kafka.bootstrap-servers"))
                .hasMessageContaining("spa.kafka.bootstrap-servers")
                .hasMessageContaining("required");
    }
}
