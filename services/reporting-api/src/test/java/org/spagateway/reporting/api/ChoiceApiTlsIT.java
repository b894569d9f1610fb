package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.EventCodec;
import org.spagateway.sessions.ChoiceValidator;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.test.harness.TestPki;
import org.spagateway.test.harness.TestIdentityProvider;

/**
 * The choice API over HTTPS on loopback (real Jetty, real TLS handshakes, certificates from a throw-away CA), in jwt
 * mode with the JWKS read from a file: who gets a TLS connection and who does not.
 */
class ChoiceApiTlsIT {

    private static final TestIdentityProvider IDP = TestIdentityProvider.create("tls");

    @TempDir
    static Path work;

    private static TestPki pki;
    private static TestPki otherCa;
    private static SessionLedger ledger;
    private static ChoiceApiServer server;
    private static ChoiceApiServer mutual;

    @BeforeAll
    static void start() throws IOException {
        pki = TestPki.create(work.resolve("pki"), "spa-test-ca");
        otherCa = TestPki.create(work.resolve("other-pki"), "other-ca");
        ledger = SessionLedgerConfig.embedded(work.resolve("sessions")).ledger();
        Path jwks = IDP.writeJwks(work.resolve("jwks.json"));
        TestPki.Issued serverCertificate = pki.issue("127.0.0.1");
        Map<String, String> properties = new HashMap<>(JwtGatewayConfig.of(jwks.toString()));
        properties.put(ChoiceApiConfig.PORT, "0");
        properties.put(ChoiceTlsConfig.KEY_STORE, serverCertificate.keyStore().toString());
        properties.put(ChoiceTlsConfig.KEY_STORE_PASSWORD, TestPki.PASSWORD);
        server = start(ChoiceApiConfig.from(ConfigSource.of(properties)));
        properties.put(ChoiceTlsConfig.TRUST_STORE, pki.trustStore().toString());
        properties.put(ChoiceTlsConfig.TRUST_STORE_PASSWORD, TestPki.PASSWORD);
        properties.put(ChoiceTlsConfig.CLIENT_AUTH, "need");
        mutual = start(ChoiceApiConfig.from(ConfigSource.of(properties)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (mutual != null) {
            mutual.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aClientTrustingTheCaChoosesOverHttpsWithAVerifiedToken() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "tls-choice", LedgerFixtures.RIVERA, 1);
        HttpClient client = client(trusting(pki), null);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/choices"))
                .header("Authorization", "Bearer " + IDP.clinician("dr-rivera"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sessionId\": \"" + session.sessionId() + "\","
                        + " \"round\": 1, \"decision\": \"REJECT_ALL\", \"clinician\": {\"id\": \"dr-rivera\","
                        + " \"system\": \"" + TestIdentityProvider.SYSTEM + "\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(server.baseUri()).startsWith("https://127.0.0.1:");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(ledger.find(session.sessionId()).orElseThrow().choices()).containsOnlyKeys(1);
    }

    @Test
    void aPlainHttpClientOnTheTlsPortGetsNoAnswer() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI plain = URI.create(server.baseUri().replace("https://", "http://") + "/health");

        Optional<Integer> status;
        try {
            status = Optional.of(client.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            status = Optional.empty();
        }

        assertThat(status.orElse(400)).as("no HTTP answer in the clear, at most a refusal").isEqualTo(400);
    }

    @Test
    void aClientTrustingAnotherCaRefusesTheServer() {
        HttpClient client = client(trusting(otherCa), null);

        assertThatThrownBy(() -> health(client, server)).isInstanceOf(IOException.class);
    }

    @Test
    void clientAuthNeedRefusesAClientWithoutACertificateAndServesOneWithIt() throws Exception {
        HttpClient anonymous = client(trusting(pki), null);
        HttpClient certified = client(trusting(pki), pki.issue("ris-client").keyStore());

        assertThatThrownBy(() -> health(anonymous, mutual)).isInstanceOf(IOException.class);
        assertThat(health(certified, mutual)).isEqualTo(200);
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefused() {
        HttpClient foreign = client(trusting(pki), otherCa.issue("intruder").keyStore());

        assertThatThrownBy(() -> health(foreign, mutual)).isInstanceOf(IOException.class);
    }

    private static ChoiceApiServer start(ChoiceApiConfig config) {
        RecordingPublisher publisher = new RecordingPublisher();
        InteractiveRequestMapper requests = new InteractiveRequestMapper(Clock.systemUTC());
        ChoiceIngress ingress = new ChoiceIngress(ledger, new ChoiceValidator(), requests, publisher);
        return ChoiceApiServer.start(config, new ChoiceApi(config, BearerTokenVerifier.start(config.auth()), ingress,
                ledger, requests, publisher, new EventCodec(), Clock.systemUTC(), InteractiveBacklog.UNKNOWN));
    }

    private static int health(HttpClient client, ChoiceApiServer target) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(target.baseUri() + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static TrustManagerFactory trusting(TestPki ca) {
        try (InputStream in = Files.newInputStream(ca.trustStore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, TestPki.PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient client(TrustManagerFactory trust, Path keyStore) {
        try {
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keyStore)) {
                    store.load(in, TestPki.PASSWORD.toCharArray());
                }
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, TestPki.PASSWORD.toCharArray());
            }
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
