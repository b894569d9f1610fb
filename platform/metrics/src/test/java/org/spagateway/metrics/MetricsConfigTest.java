package org.spagateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

class MetricsConfigTest {

    @Test
    void servesMetricsAndMeasuresLagEveryFifteenSecondsByDefault() {
        MetricsConfig config = MetricsConfig.from(ConfigSource.of(Map.of()));

        assertThat(config.enabled()).isTrue();
        assertThat(config.consumerLagPeriod()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void canBeTurnedOffAndRefusesALagPeriodBelowATenthOfASecond() {
        assertThat(MetricsConfig.from(ConfigSource.of(Map.of(MetricsConfig.ENABLED, "false"))).enabled()).isFalse();
        assertThatThrownBy(() -> MetricsConfig.from(ConfigSource.of(Map.of(MetricsConfig.CONSUMER_LAG_PERIOD,
                "10ms")))).isInstanceOf(ConfigException.class).hasMessageContaining(MetricsConfig.CONSUMER_LAG_PERIOD);
    }
}
