package org.spagateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spagateway.health.HealthChecks.Kind;

class HealthServerTest {

    private final AtomicBoolean ledgerWritable = new AtomicBoolean(true);
    private final AtomicReference<String> acceptSeen = new AtomicReference<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private HealthServer server;

    @BeforeEach
    void start() throws Exception {
        HealthChecks checks = new HealthChecks()
                .register("consumer", Kind.LIVENESS, () -> Health.up("polling"))
                .register("ledger", Kind.READINESS, () -> ledgerWritable.get() ? Health.up("writable")
                        : Health.down("not writable"));
        MetricsScrape metrics = accept -> {
            acceptSeen.set(accept);
            return new MetricsScrape.Exposition("text/plain; version=0.0.4; charset=utf-8",
                    "spa_studies_received_total 3.0\n".getBytes(StandardCharsets.UTF_8));
        };
        server = HealthServer.start(checks, Optional.of(metrics), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readinessFollowsTheChecksAndLivenessIgnoresTheReadinessOnes() throws Exception {
        assertThat(get(HealthServer.READY).statusCode()).isEqualTo(200);

        ledgerWritable.set(false);

        HttpResponse<String> ready = get(HealthServer.READY);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).startsWith("{\"status\":\"DOWN\"").contains("not writable");
        assertThat(ready.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(get(HealthServer.LIVE).statusCode()).isEqualTo(200);
    }

    @Test
    void anyOtherPathOrMethodIsRefused() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri(HealthServer.LIVE))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void servesTheMetricsScrapeOnTheSamePortWithTheScrapersAcceptHeader() throws Exception {
        HttpResponse<String> scrape = client.send(HttpRequest.newBuilder(uri(HealthServer.METRICS))
                .header("Accept", "application/openmetrics-text; version=1.0.0").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).isEqualTo("spa_studies_received_total 3.0\n");
        assertThat(scrape.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(acceptSeen.get()).isEqualTo("application/openmetrics-text; version=1.0.0");
    }

    @Test
    void refusesAnyMethodButGetOnTheMetricsPathWithoutReadingTheBody() throws Exception {
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri(HealthServer.METRICS))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
        assertThat(acceptSeen.get()).isNull();
        assertThat(get("/metrics/x").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutMetricsTheMetricsPathIsNotFound() throws Exception {
        try (HealthServer plain = HealthServer.start(new HealthChecks(), "127.0.0.1", 0)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + plain.port() + HealthServer.METRICS)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).doesNotContain(HealthServer.METRICS);
        }
    }

    @Test
    void aScrapeThatFailsIsAnswered500AndTheHealthPathsGoOn() throws Exception {
        MetricsScrape failing = accept -> {
            throw new IllegalStateException("a gauge failed");
        };
        try (HealthServer broken = HealthServer.start(new HealthChecks(), Optional.of(failing), "127.0.0.1", 0)) {
            URI base = URI.create("http://127.0.0.1:" + broken.port());
            assertThat(client.send(HttpRequest.newBuilder(base.resolve(HealthServer.METRICS)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(500);
            assertThat(client.send(HttpRequest.newBuilder(base.resolve(HealthServer.LIVE)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
