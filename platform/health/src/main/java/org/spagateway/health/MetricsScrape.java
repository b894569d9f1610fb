package org.spagateway.health;

import java.util.Objects;

/**
 * The process's metrics as {@link HealthServer} serves them on {@code GET /metrics}, beside liveness and readiness, so
 * an orchestrator and a Prometheus server reach one port per process. The health module knows no metrics library:
 * {@code platform/metrics} implements this with its Prometheus registry.
 */
@FunctionalInterface
public interface MetricsScrape {

    /**
     * The current metrics in the format the scraper accepts.
     *
     * @param accept the request's {@code Accept} header, null when it has none (the Prometheus text format then)
     */
    Exposition scrape(String accept);

    /** One scrape: its body and the content type that says which format it is in. */
    record Exposition(String contentType, byte[] body) {

        public Exposition {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }
}
