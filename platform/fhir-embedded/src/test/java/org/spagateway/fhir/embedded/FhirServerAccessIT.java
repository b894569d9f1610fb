package org.spagateway.fhir.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server with tokens, met as its callers would over HTTP: no or a wrong token is 401, the auditor
 * reads but cannot write, the writer writes, and nobody deletes anything or updates an AuditEvent or a Provenance,
 * directly or inside a transaction.
 */
class FhirServerAccessIT {

    private static final String WRITER = "writer-token-0123456789abcdef";
    private static final String AUDITOR = "auditor-token-0123456789abcdef";
    private static final String FHIR_JSON = "application/fhir+json";
    private static final String AUDIT_EVENT = """
            {"resourceType":"AuditEvent","type":{"system":"http://dicom.nema.org/resources/ontology/DCM",
             "code":"110100"},"recorded":"2026-12-07T04:00:00Z",
             "agent":[{"requestor":true,"who":{"display":"spa-gateway"}}],"source":{"observer":{"display":"spa"}}}""";

    @TempDir
    static Path data;
    private static EmbeddedFhirServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        FhirServerConfig open = FhirServerConfig.h2("jdbc:h2:file:" + data.resolve("fhir"));
        server = EmbeddedFhirServer.start(new FhirServerConfig(open.port(), open.jdbcUrl(), open.jdbcUsername(),
                open.jdbcPassword(), open.maxConnections(),
                new FhirServerAccess(Optional.of(WRITER), Optional.of(AUDITOR)), Optional.empty()),
                FhirContext.forR4Cached());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRequestWithoutAValidTokenIsUnauthorisedButTheCapabilityStatementIsOpen() throws Exception {
        assertThat(send("GET", "/AuditEvent", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/AuditEvent", "not-a-token-at-all-0123456789", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/metadata", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theAuditorReadsButCannotWrite() throws Exception {
        assertThat(send("GET", "/AuditEvent", AUDITOR, null).statusCode()).isEqualTo(200);
        assertRefused(send("POST", "/AuditEvent", AUDITOR, AUDIT_EVENT), "may only read");
    }

    @Test
    void theWriterAppendsAuditEventsButNobodyChangesOrDeletesThem() throws Exception {
        HttpResponse<String> created = send("POST", "/AuditEvent", WRITER, AUDIT_EVENT);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.replaceFirst(".*/AuditEvent/([^/]+).*", "$1");
        String update = AUDIT_EVENT.replace("{\"resourceType\":\"AuditEvent\",",
                "{\"resourceType\":\"AuditEvent\",\"id\":\"" + id + "\",");

        assertRefused(send("PUT", "/AuditEvent/" + id, WRITER, update), "append-only");
        assertRefused(send("DELETE", "/AuditEvent/" + id, WRITER, null), "nothing may be deleted");
        assertRefused(send("DELETE", "/AuditEvent/" + id, AUDITOR, null), "may only read");
        assertRefused(send("POST", "", WRITER, transaction("PUT", "AuditEvent/" + id, update)), "append-only");
        assertRefused(send("POST", "", WRITER, transaction("DELETE", "AuditEvent/" + id, null)),
                "nothing may be deleted");
        HttpResponse<String> appended = send("POST", "", WRITER, transaction("POST", "AuditEvent", AUDIT_EVENT));
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
        assertThat(send("GET", "/AuditEvent/" + id, AUDITOR, null).statusCode()).isEqualTo(200);
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains(reason);
    }

    private static String transaction(String method, String url, String resource) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{"
                + (resource == null ? "" : "\"resource\":" + resource + ",")
                + "\"request\":{\"method\":\"" + method + "\",\"url\":\"" + url + "\"}}]}";
    }

    private static HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Accept", FHIR_JSON)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", FHIR_JSON);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
