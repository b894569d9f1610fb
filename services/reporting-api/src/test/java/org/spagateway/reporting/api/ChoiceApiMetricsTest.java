package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChoiceApiMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ChoiceApiMetrics metrics = new ChoiceApiMetrics(registry);

    @Test
    void countsEachAnswerByItsOperationTemplateAndStatus() {
        metrics.answered("POST", "/choices", 202, Duration.ofMillis(12));
        metrics.answered("POST", "/choices", 202, Duration.ofMillis(8));
        metrics.answered("POST", "/choices", 409, Duration.ofMillis(3));
        metrics.answered("GET", "/sessions/5f0c6e1a-1b2c-4d5e-8f90-1234567890ab", 200, Duration.ofMillis(2));

        assertThat(count("POST /choices", "202")).isEqualTo(2);
        assertThat(count("POST /choices", "409")).isEqualTo(1);
        assertThat(count("GET /sessions/{sessionId}", "200")).isEqualTo(1);
    }

    @Test
    void neverUsesTheSessionIdOrAnUnknownPathAsALabel() {
        assertThat(metrics.operation("GET", "/sessions/2.25.1234")).isEqualTo("GET /sessions/{sessionId}");
        assertThat(metrics.operation("GET", "/sessions/a/b")).isEqualTo(ChoiceApiMetrics.OTHER);
        assertThat(metrics.operation("DELETE", "/choices")).isEqualTo(ChoiceApiMetrics.OTHER);
        assertThat(metrics.operation("GET", "/etc/passwd")).isEqualTo(ChoiceApiMetrics.OTHER);
        assertThat(metrics.operation("GET", "/health")).isEqualTo("GET /health");
        assertThat(metrics.operation("POST", "/sessions")).isEqualTo("POST /sessions");
    }

    private long count(String operation, String status) {
        return registry.get(ChoiceApiMetrics.METRIC).tags("operation", operation, "status", status).timer().count();
    }
}
