package org.spagateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spagateway.health.HealthChecks.Kind;

class HealthServerTest {

    private final AtomicBoolean ledgerWritable = new AtomicBoolean(true);
    private final HttpClient client = HttpClient.newHttpClient();
    private HealthServer server;

    @BeforeEach
    void start() throws Exception {
        HealthChecks checks = new HealthChecks()
                .register("consumer", Kind.LIVENESS, () -> Health.up("polling"))
                .register("ledger", Kind.READINESS, () -> ledgerWritable.get() ? Health.up("writable")
                        : Health.down("not writable"));
        server = HealthServer.start(checks, "127.0.0.1", 0);
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

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
