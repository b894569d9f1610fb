package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.configuration.ServerKeyStore;
import org.spagateway.fhir.embedded.EmbeddedFhirServer;
import org.spagateway.fhir.embedded.FhirServerAccess;
import org.spagateway.fhir.embedded.FhirServerConfig;
import org.spagateway.test.harness.TestPki;

/**
 * The FHIR adapter against an HTTPS FHIR server (the embedded HAPI JPA server with a key store from the site's CA and
 * a writer token) that it authenticates to with an OAuth 2.0 client-credentials token from an HTTPS token endpoint on
 * 127.0.0.1 (a minimal RFC 6749 section 4.4 endpoint: this project runs no authorisation server). Refusals as an
 * operator meets them: the JVM's default CAs, another CA, a wrong client secret. Each client gets a FHIR context of
 * its own: HAPI takes the HTTP client of a request from the context's factory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirAdapterTlsIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String ISSUED_TOKEN = "token-from-the-authorisation-server-4f1c";
    private static final String CLIENT_ID = "spa-fhir-adapter";
    private static final String CLIENT_SECRET = "adapter-secret-9d2e";

    @TempDir
    static Path directory;

    private TestPki pki;
    private EmbeddedFhirServer fhirServer;
    private HttpsServer tokenEndpoint;
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startTheServers() throws IOException {
        pki = TestPki.create(directory.resolve("pki"), "site-ca");
        TestPki.Issued fhirCertificate = pki.issue("fhir");
        fhirServer = EmbeddedFhirServer.start(new FhirServerConfig(0, "jdbc:h2:file:" + directory.resolve("fhir"),
                FhirServerConfig.DEFAULT_JDBC_USERNAME, "", FhirServerConfig.DEFAULT_MAX_CONNECTIONS,
                new FhirServerAccess(Optional.of(ISSUED_TOKEN), Optional.empty()), Optional.of(new ServerKeyStore(
                        FhirServerConfig.TLS_KEY_STORE, fhirCertificate.keyStore(), TestPki.PASSWORD))), FHIR);
        tokenEndpoint = startTokenEndpoint(pki.issue("auth"));
    }

    @AfterAll
    void stopTheServers() {
        if (tokenEndpoint != null) {
            tokenEndpoint.stop(0);
        }
        if (fhirServer != null) {
            fhirServer.close();
        }
    }

    @Test
    void writesOverHttpsWithAClientCredentialsTokenFetchedOnceAndReused() {
        IGenericClient client = FhirAdapter.newClient(config(pki.trustStore(), CLIENT_SECRET), FhirContext.forR4());
        int before = tokenRequests.size();

        Bundle written = client.transaction().withBundle(new StudyTransactionBuilder().build(StudyFixtures
                .goldenEvent())).execute();
        Bundle studies = client.search().forResource(ImagingStudy.class).returnBundle(Bundle.class).execute();
        Bundle audits = client.search().forResource(AuditEvent.class).returnBundle(Bundle.class).execute();

        assertThat(fhirServer.baseUrl()).startsWith("https://");
        assertThat(written.getEntry()).allSatisfy(entry -> assertThat(entry.getResponse().getStatus())
                .startsWith("20"));
        assertThat(studies.getTotal()).isEqualTo(1);
        assertThat(audits.getTotal()).isEqualTo(1);
        // One token for the three requests, fetched with the client's credentials in HTTP Basic.
        assertThat(tokenRequests.subList(before, tokenRequests.size())).containsExactly(
                "Basic " + basic(CLIENT_ID, CLIENT_SECRET) + " grant_type=client_credentials&scope=system%2F*.write");
    }

    @Test
    void refusesAServerWhoseCertificateTheJvmDefaultsDoNotTrust() {
        IGenericClient client = FhirAdapter.newClient(config(null, CLIENT_SECRET), FhirContext.forR4());

        assertThatThrownBy(() -> client.capabilities().ofType(org.hl7.fhir.r4.model.CapabilityStatement.class)
                .execute()).isInstanceOf(FhirClientConnectionException.class);
    }

    @Test
    void refusesAServerCertifiedByAnotherCa() {
        TestPki other = TestPki.create(directory.resolve("other-pki"), "other-ca");
        IGenericClient client = FhirAdapter.newClient(config(other.trustStore(), CLIENT_SECRET), FhirContext.forR4());

        assertThatThrownBy(() -> client.search().forResource(ImagingStudy.class).returnBundle(Bundle.class).execute())
                .isInstanceOf(FhirClientConnectionException.class);
    }

    @Test
    void waitsLikeForAnUnavailableServerWhenTheTokenEndpointRefusesTheSecret() {
        IGenericClient client = FhirAdapter.newClient(config(pki.trustStore(), "not-the-secret"), FhirContext.forR4());

        assertThatThrownBy(() -> client.search().forResource(ImagingStudy.class).returnBundle(Bundle.class).execute())
                .isInstanceOf(FhirClientConnectionException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("invalid_client")
                .hasMessageNotContaining("not-the-secret");
        assertThat(new FhirWriteFailurePolicy().classify(new FhirClientConnectionException("x")))
                .isEqualTo(FhirWriteFailurePolicy.Verdict.UNAVAILABLE);
    }

    @Test
    void refusesAnOAuth2ConfigurationThatWouldLeakOrContradict() {
        Map<String, String> plainRemote = new HashMap<>(properties(pki.trustStore(), CLIENT_SECRET));
        plainRemote.put(FhirAdapterConfig.OAUTH2_TOKEN_URL, "http://auth.example.org/token");
        Map<String, String> both = new HashMap<>(properties(pki.trustStore(), CLIENT_SECRET));
        both.put(FhirAdapterConfig.BEARER_TOKEN, "a-fixed-token-0123456789");
        Map<String, String> wrongPassword = new HashMap<>(properties(pki.trustStore(), CLIENT_SECRET));
        wrongPassword.put(FhirAdapterConfig.TRUST_STORE_PASSWORD, "wrong");

        assertThatThrownBy(() -> FhirAdapterConfig.from(ConfigSource.of(plainRemote)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(FhirAdapterConfig.OAUTH2_TOKEN_URL);
        assertThatThrownBy(() -> FhirAdapterConfig.from(ConfigSource.of(both)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(FhirAdapterConfig.BEARER_TOKEN);
        assertThatThrownBy(() -> FhirAdapterConfig.from(ConfigSource.of(wrongPassword)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(FhirAdapterConfig.TRUST_STORE)
                .hasMessageContaining("wrong password");
        assertThat(FhirAdapterConfig.from(ConfigSource.of(properties(pki.trustStore(), CLIENT_SECRET))).toString())
                .doesNotContain(CLIENT_SECRET).doesNotContain(TestPki.PASSWORD);
    }

    private FhirAdapterConfig config(Path trustStore, String secret) {
        return FhirAdapterConfig.from(ConfigSource.of(properties(trustStore, secret)));
    }

    private Map<String, String> properties(Path trustStore, String secret) {
        Map<String, String> properties = new HashMap<>(Map.of(
                FhirAdapterConfig.BASE_URL, fhirServer.baseUrl(),
                FhirAdapterConfig.OAUTH2_TOKEN_URL, "https://127.0.0.1:" + tokenEndpoint.getAddress().getPort()
                        + "/token",
                FhirAdapterConfig.OAUTH2_CLIENT_ID, CLIENT_ID,
                FhirAdapterConfig.OAUTH2_CLIENT_SECRET, secret,
                FhirAdapterConfig.OAUTH2_SCOPE, "system/*.write",
                FhirAdapterConfig.CONNECT_TIMEOUT, "2s"));
        if (trustStore != null) {
            properties.put(FhirAdapterConfig.TRUST_STORE, trustStore.toString());
            properties.put(FhirAdapterConfig.TRUST_STORE_PASSWORD, TestPki.PASSWORD);
        }
        return properties;
    }

    /** RFC 6749 4.4: client authenticated with HTTP Basic, a bearer token or 401 invalid_client (5.2). */
    private HttpsServer startTokenEndpoint(TestPki.Issued certificate) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(new ServerKeyStore("token endpoint",
                certificate.keyStore(), TestPki.PASSWORD).serverContext()));
        server.createContext("/token", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            tokenRequests.add(authorization + " " + form);
            boolean valid = ("Basic " + basic(CLIENT_ID, CLIENT_SECRET)).equals(authorization)
                    && form.startsWith("grant_type=client_credentials");
            byte[] body = (valid
                    ? "{\"access_token\":\"" + ISSUED_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"
                    : "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(valid ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String basic(String id, String secret) {
        return Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
