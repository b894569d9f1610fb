package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter's FHIR client as a server meets it: with a configured token, every request carries it. */
class FhirAdapterClientTest {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsTheConfiguredBearerTokenWithEveryRequestAndNoneWithoutOne() throws Exception {
        URI base = startServer();
        FhirContext fhir = FhirContext.forR4Cached();

        FhirAdapter.newClient(FhirAdapterConfig.of(base.toString()).withBearerToken("writer-token-0123456789abcdef"),
                fhir).capabilities().ofType(CapabilityStatement.class).execute();
        FhirAdapter.newClient(FhirAdapterConfig.of(base.toString()), fhir).capabilities()
                .ofType(CapabilityStatement.class).execute();

        assertThat(authorizations).containsExactly("Bearer writer-token-0123456789abcdef", "none");
        assertThat(FhirAdapterConfig.of(base.toString()).withBearerToken("writer-token-0123456789abcdef").toString())
                .doesNotContain("writer-token");
    }

    private URI startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "none" : authorization);
            byte[] body = "{\"resourceType\":\"CapabilityStatement\",\"status\":\"active\",\"kind\":\"instance\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
    }
}
