package org.spagateway.metrics;

import java.time.Duration;
import java.util.List;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * Whether a process serves its metrics, and how often it measures its consumer groups' lag.
 *
 * @param enabled          serve {@code GET /metrics} on the health port ({@code spa.health.port})
 * @param consumerLagPeriod time between two measurements of the consumer lag (two admin requests per group)
 */
public record MetricsConfig(boolean enabled, Duration consumerLagPeriod) {

    public static final String ENABLED = "spa.metrics.enabled";
    public static final String CONSUMER_LAG_PERIOD = "spa.metrics.consumer-lag-period";

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(ENABLED, "true",
                    "Serve the process's Prometheus metrics on GET /metrics of the health port (spa.health.port;"
                            + " Prometheus text, or OpenMetrics when the scraper asks for it). false = no registry,"
                            + " nothing measured. docs/observability.md lists every metric."),
            new ConfigOption(CONSUMER_LAG_PERIOD, "15s",
                    "Time between two measurements of the consumer lag of the process's consumer groups"
                            + " (spa_kafka_consumer_lag: records past each group's committed offsets, asked of the"
                            + " broker)."));

    public MetricsConfig {
        if (consumerLagPeriod.isZero() || consumerLagPeriod.isNegative()) {
            throw new IllegalArgumentException("consumerLagPeriod must be positive: " + consumerLagPeriod);
        }
    }

    public static MetricsConfig from(ConfigSource config) {
        Duration period = config.duration(CONSUMER_LAG_PERIOD, Duration.ofSeconds(15));
        if (period.toMillis() < 100) {
            throw new ConfigException(CONSUMER_LAG_PERIOD, "must be at least 100ms");
        }
        return new MetricsConfig(config.bool(ENABLED, true), period);
    }
}
