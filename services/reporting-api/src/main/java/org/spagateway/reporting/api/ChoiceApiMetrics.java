package org.spagateway.reporting.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The choice API's requests by operation and status: {@code spa_choice_api_request_seconds{operation,status}} (its
 * {@code _count} is the requests; an alert watches the share of 5xx, or of 429 {@code BUSY}). The operation is the
 * matched path template of {@link ChoiceApi#OPERATIONS} ({@code GET /sessions/{sessionId}}), never the path itself:
 * a session id never becomes a label; any other request is {@value #OTHER}.
 */
final class ChoiceApiMetrics {

    static final String METRIC = "spa.choice.api.request";
    static final String OTHER = "other";
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5)};

    private record Operation(String name, Pattern request) {
    }

    private final MeterRegistry registry;
    private final List<Operation> operations;

    ChoiceApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.operations = ChoiceApi.OPERATIONS.stream().map(name -> new Operation(name,
                Pattern.compile(Pattern.quote(name).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q")))).toList();
    }

    /** Records one answered request. */
    void answered(String method, String path, int status, Duration took) {
        Timer.builder(METRIC)
                .description("Choice API requests, by operation (path template) and HTTP status")
                .tags("operation", operation(method, path), "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(took);
    }

    /** The operation {@code method path} is, as its template, or {@value #OTHER}. */
    String operation(String method, String path) {
        String request = method + " " + path;
        return operations.stream().filter(operation -> operation.request().matcher(request).matches())
                .map(Operation::name).findFirst().orElse(OTHER);
    }
}
