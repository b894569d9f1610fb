package org.spagateway.health;

import java.time.Duration;
import java.util.List;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * Where a process serves its health and how its liveness watchdog decides to stop it.
 *
 * @param port              port of {@code /health/live} and {@code /health/ready}; -1 = not served
 * @param bindAddress       address the health port listens on
 * @param watchdogPeriod    time between two runs of the liveness checks
 * @param watchdogFailures  failed runs in a row after which the process exits with status 70
 */
public record HealthConfig(int port, String bindAddress, Duration watchdogPeriod, int watchdogFailures) {

    public static final String PORT = "spa.health.port";
    public static final String BIND_ADDRESS = "spa.health.bind-address";
    public static final String WATCHDOG_PERIOD = "spa.health.watchdog-period";
    public static final String WATCHDOG_FAILURES = "spa.health.watchdog-failures";

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(PORT, "8081",
                    "HTTP port of GET /health/live (the process can go on: threads running, Streams not in ERROR,"
                            + " listener accepting) and GET /health/ready (it can work now: also the ledger writable);"
                            + " 200 UP or 503 DOWN with every check as JSON. 0 = any free port, -1 = not served."),
            new ConfigOption(BIND_ADDRESS, "127.0.0.1",
                    "Address the health port listens on (0.0.0.0 in a container, for the orchestrator's probes)."),
            new ConfigOption(WATCHDOG_PERIOD, "5s", "Time between two runs of the liveness checks by the watchdog."),
            new ConfigOption(WATCHDOG_FAILURES, "3",
                    "Failed liveness runs in a row after which the process exits with status 70 to be restarted,"
                            + " rather than limping on with a service that has stopped."));

    public HealthConfig {
        if (port < -1 || port > 65_535) {
            throw new IllegalArgumentException("port must be -1..65535: " + port);
        }
        if (watchdogFailures < 1) {
            throw new IllegalArgumentException("watchdogFailures must be at least 1: " + watchdogFailures);
        }
    }

    public boolean served() {
        return port >= 0;
    }

    public static HealthConfig from(ConfigSource config) {
        Duration period = config.duration(WATCHDOG_PERIOD, Duration.ofSeconds(5));
        if (period.isZero() || period.isNegative()) {
            throw new ConfigException(WATCHDOG_PERIOD, "must be positive");
        }
        return new HealthConfig(config.integer(PORT, 8081, -1, 65_535), config.string(BIND_ADDRESS, "127.0.0.1"),
                period, config.integer(WATCHDOG_FAILURES, 3, 1, 100));
    }
}
