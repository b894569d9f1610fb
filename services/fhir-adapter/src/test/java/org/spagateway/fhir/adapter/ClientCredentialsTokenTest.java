package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client-credentials token is fetched once, kept while it is valid and renewed shortly before it expires. */
class ClientCredentialsTokenTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private final AtomicInteger issued = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void keepsTheTokenUntilShortlyBeforeItExpiresThenFetchesANewOne() throws Exception {
        URI tokenUrl = startTokenEndpoint(120);

        assertThat(tokenAt(tokenUrl, T0, T0.plusSeconds(89))).containsExactly("token-1", "token-1");
        assertThat(issued).hasValue(1);
        assertThat(tokenAt(tokenUrl, T0, T0.plusSeconds(90))).containsExactly("token-2", "token-3");
    }

    @Test
    void renewsAShortLivedTokenAtHalfItsLifetime() throws Exception {
        URI tokenUrl = startTokenEndpoint(40);

        assertThat(tokenAt(tokenUrl, T0, T0.plusSeconds(19))).containsExactly("token-1", "token-1");
        assertThat(tokenAt(tokenUrl, T0, T0.plusSeconds(20))).containsExactly("token-2", "token-3");
    }

    /** The tokens one interceptor sends at {@code first} and then at {@code second}. */
    private String[] tokenAt(URI tokenUrl, Instant first, Instant second) {
        MutableClock clock = new MutableClock(first);
        ClientCredentialsToken tokens = new ClientCredentialsToken(new OAuth2ClientCredentials(tokenUrl, "adapter",
                "secret", Optional.empty()), Optional.empty(), Duration.ofSeconds(2), clock);
        String atFirst = tokens.current();
        clock.now = second;
        return new String[] {atFirst, tokens.current()};
    }

    private URI startTokenEndpoint(int expiresIn) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            byte[] body = ("{\"access_token\":\"token-" + issued.incrementAndGet() + "\",\"token_type\":\"bearer\","
                    + "\"expires_in\":" + expiresIn + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
