package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

class ChoiceApiConfigTest {

    @Test
    void defaultsToLoopbackWithoutATokenAnd64KiBBodies() {
        ChoiceApiConfig config = ChoiceApiConfig.from(ConfigSource.of(Map.of()));

        assertThat(config.enabled()).isTrue();
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(ChoiceApiConfig.DEFAULT_PORT);
        assertThat(config.apiToken()).isEmpty();
        assertThat(config.maxBodyBytes()).isEqualTo(65_536);
        assertThat(config.consumerGroup()).isEqualTo("spa-choices");
    }

    @Test
    void takesTheTokenFromTheEnvironmentAndNeverPrintsIt() {
        ChoiceApiConfig config = ChoiceApiConfig.from(new ConfigSource(Map.of(),
                Map.of("SPA_CHOICES_API_TOKEN", "0123456789abcdefXYZ")));

        assertThat(config.apiToken()).contains("0123456789abcdefXYZ");
        assertThat(config.toString()).doesNotContain("0123456789abcdefXYZ");
    }

    @Test
    void refusesAShortTokenAndNamesTheKey() {
        assertThatThrownBy(() -> ChoiceApiConfig.from(ConfigSource.of(Map.of("spa.choices.api-token", "abc"))))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo(ChoiceApiConfig.API_TOKEN);
    }

    @Test
    void refusesAPortOutOfRange() {
        assertThatThrownBy(() -> ChoiceApiConfig.from(ConfigSource.of(Map.of("spa.choices.port", "70000"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ChoiceApiConfig.PORT);
    }
}
