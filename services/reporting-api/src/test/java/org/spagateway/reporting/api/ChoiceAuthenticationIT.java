package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.Clinician;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.RecordsAccessed;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.test.harness.TopicReader;
import org.spagateway.test.harness.TestIdentityProvider;

/**
 * The choice API and the choice topic in jwt mode, over real HTTP and a real Kafka broker on loopback, with the
 * identity provider's JWKS served over HTTP from 127.0.0.1: every way a reporting system or a clinician is let in or
 * turned away.
 */
class ChoiceAuthenticationIT {

    private static final EventCodec CODEC = new EventCodec();
    private static final TestIdentityProvider IDP = TestIdentityProvider.create("idp-1");
    private static final String NPI = TestIdentityProvider.SYSTEM;

    @TempDir
    static Path work;

    private static final AtomicReference<String> published = new AtomicReference<>();
    private static HttpServer jwksServer;
    private static EmbeddedKafkaBroker broker;
    private static SessionLedger ledger;
    private static RunningReportingApi runtime;
    private static TopicReader topics;
    private static HttpClient http;
    private static String baseUri;

    @BeforeAll
    static void start() throws IOException {
        published.set(IDP.jwks());
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/realms/spa/certs", exchange -> {
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwksServer.start();
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(work.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        topics = new TopicReader(broker.bootstrapServers());
        ledger = SessionLedgerConfig.embedded(work.resolve("sessions")).ledger();
        Map<String, String> properties = new HashMap<>(JwtGatewayConfig.of(
                "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/realms/spa/certs"));
        properties.put(ChoiceApiConfig.PORT, "0");
        properties.put(ChoiceApiConfig.READ_TIMEOUT, "1s");
        runtime = RunningReportingApi.start(KafkaConfig.forBootstrapServers(broker.bootstrapServers()), ledger,
                ChoiceApiConfig.from(ConfigSource.of(properties)), NotificationConfig.from(ConfigSource.of(Map.of())));
        baseUri = runtime.choiceApiUri().orElseThrow();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (ledger != null) {
            ledger.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (jwksServer != null) {
            jwksServer.stop(0);
        }
    }

    @Test
    void aClinicianWithAValidTokenChoosesOnTheirSessionRecordedUnderTheVerifiedIdentity() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "jwt-accepted", LedgerFixtures.RIVERA, 1);
        String token = IDP.rs256(TestIdentityProvider.claims("dr-rivera", Instant.now(), "spa-clinician")
                .claim("family_name", "Rivera").claim("given_name", "Ana").build());

        HttpResponse<String> response = post(token, "/choices", candidate(session, 1, 2, "dr-rivera"));

        assertThat(response.statusCode()).isEqualTo(202);
        ChoiceRecord recorded = ledger.find(session.sessionId()).orElseThrow().choices().get(1);
        assertThat(recorded.clinician()).isEqualTo(new Clinician("dr-rivera", NPI, "Rivera^Ana"));
    }

    @Test
    void anotherCliniciansTokenOnTheSessionIsRefused403() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "jwt-other", LedgerFixtures.RIVERA, 1);

        HttpResponse<String> response = post(IDP.clinician("dr-okafor"), "/choices",
                candidate(session, 1, 2, "dr-okafor"));

        assertRefused(session, response, 403, "CLINICIAN_MISMATCH");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .contains("error=\"insufficient_scope\""));
    }

    @Test
    void aBodyNamingAnotherClinicianThanTheTokenIsRefused403() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "jwt-body", null, 1);

        HttpResponse<String> response = post(IDP.clinician("dr-okafor"), "/choices",
                candidate(session, 1, 2, "dr-rivera"));

        assertRefused(session, response, 403, "CLINICIAN_MISMATCH");
        assertThat(json(response).path("message").asText()).contains("dr-rivera").contains("dr-okafor");
    }

    @Test
    void aSessionRoutingStartedBelongsToTheFirstClinicianWhoChooses() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "jwt-claim", null, 1);

        assertThat(post(IDP.clinician("dr-okafor"), "/choices", candidate(session, 1, 1, "dr-okafor"))
                .statusCode()).isEqualTo(202);

        assertThat(ledger.find(session.sessionId()).orElseThrow().owner()).hasValueSatisfying(owner ->
                assertThat(owner.id()).isEqualTo("dr-okafor"));
    }

    @Test
    void aDelegateChoosesForTheOwnerButCannotClaimAnUnownedSession() throws Exception {
        SessionRecord owned = LedgerFixtures.open(ledger, "jwt-delegate", LedgerFixtures.RIVERA, 1);
        SessionRecord unowned = LedgerFixtures.open(ledger, "jwt-delegate-unowned", null, 1);
        String delegate = IDP.rs256(TestIdentityProvider.claims("ris-service", Instant.now(), "spa-delegate").build());

        assertThat(post(delegate, "/choices", candidate(owned, 1, 3, "dr-rivera")).statusCode()).isEqualTo(202);
        assertRefused(unowned, post(delegate, "/choices", candidate(unowned, 1, 3, "dr-rivera")), 403, "FORBIDDEN");
        assertThat(ledger.find(owned.sessionId()).orElseThrow().choices().get(1).clinician())
                .isEqualTo(LedgerFixtures.RIVERA);
    }

    @Test
    void anAuditorMayReadASessionButNotChooseAndTheAuditNamesTheTokenSubject() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "jwt-auditor", LedgerFixtures.RIVERA, 1);
        String auditor = IDP.rs256(TestIdentityProvider.claims("audit-officer-7", Instant.now(), "spa-auditor")
                .build());

        HttpResponse<String> read = send(authorised(auditor, "/sessions/" + session.sessionId())
                .header(SessionResource.USER_HEADER, "somebody-else").GET());
        HttpResponse<String> choose = post(auditor, "/choices", candidate(session, 1, 1, "audit-officer-7"));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).path("ownerClinicianId").asText()).isEqualTo("dr-rivera");
        assertRefused(session, choose, 403, "FORBIDDEN");
        assertThat(accesses(session, 1)).singleElement().satisfies(access -> {
            assertThat(access.user()).isEqualTo("audit-officer-7");
            assertThat(access.httpStatus()).isEqualTo(200);
        });
    }

    @Test
    void anotherClinicianMayNotReadASessionAndTheRefusalIsAudited() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "jwt-read-other", LedgerFixtures.RIVERA, 1);

        HttpResponse<String> read = send(authorised(IDP.clinician("dr-okafor"), "/sessions/" + session.sessionId())
                .GET());

        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(json(read).path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(read.body()).doesNotContain(session.studyInstanceUid());
        assertThat(accesses(session, 1)).singleElement().satisfies(access -> {
            assertThat(access.user()).isEqualTo("dr-okafor");
            assertThat(access.httpStatus()).isEqualTo(403);
        });
    }

    @Test
    void aClinicianStartsASessionOwnedByThemselfAndNotForAnotherClinician() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "jwt-start", LedgerFixtures.RIVERA, 1);
        String okafor = IDP.clinician("dr-okafor");

        HttpResponse<String> forOther = post(okafor, "/sessions", start(session, "dr-rivera"));
        HttpResponse<String> forSelf = post(okafor, "/sessions", start(session, "dr-okafor"));

        assertThat(forOther.statusCode()).isEqualTo(403);
        assertThat(json(forOther).path("code").asText()).isEqualTo("CLINICIAN_MISMATCH");
        assertThat(forSelf.statusCode()).isEqualTo(202);
        InferenceRequested request = waitFor().until(() -> requests(session), r -> !r.isEmpty()).get(0);
        assertThat(request.clinician()).isEqualTo(new Clinician("dr-okafor", NPI, "Okafor^Chidi"));
    }

    @Test
    void missingExpiredAndForgedTokensAreAnswered401WithTheBearerChallenge() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "jwt-401", LedgerFixtures.RIVERA, 1);
        String expired = IDP.rs256(TestIdentityProvider.claims("dr-rivera", Instant.now().minus(Duration.ofHours(1)),
                "spa-clinician").build());
        String forged = TestIdentityProvider.create("idp-1").clinician("dr-rivera");

        HttpResponse<String> missing = send(HttpRequest.newBuilder(URI.create(baseUri + "/choices"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(candidate(session, 1, 1, "dr-rivera"))));

        assertRefused(session, missing, 401, "UNAUTHORIZED");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"spa-gateway\"");
        for (String token : List.of(expired, forged, "not-a-jwt")) {
            HttpResponse<String> refused = post(token, "/choices", candidate(session, 1, 1, "dr-rivera"));
            assertRefused(session, refused, 401, "UNAUTHORIZED");
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("Bearer realm=\"spa-gateway\", error=\"invalid_token\", error_description=\""));
        }
    }

    @Test
    void anExpiredTokenIsRefusedBeforeTheBodyIsRead() throws Exception {
        String expired = IDP.rs256(TestIdentityProvider.claims("dr-rivera", Instant.now().minus(Duration.ofHours(1)),
                "spa-clinician").build());
        URI uri = URI.create(baseUri);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5_000);
            // Headers announce a body that never comes: the answer must not wait for it.
            socket.getOutputStream().write(("POST /choices HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
                    + " application/json\r\nAuthorization: Bearer " + expired + "\r\nContent-Length: 4000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String head = head(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 401").contains("error=\"invalid_token\"")
                    .containsIgnoringCase("expired");
        }
    }

    @Test
    void aTokenSignedWithAKeyPublishedAfterStartIsAcceptedOnceTheJwksIsFetchedAgain() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "jwt-rotated", LedgerFixtures.RIVERA, 1);
        TestIdentityProvider rotated = TestIdentityProvider.create("idp-2");
        // As an identity provider rotates: the new key is published beside the old one before it signs.
        published.set(new JWKSet(List.<JWK>of(IDP.rsa().toPublicJWK(), IDP.ec().toPublicJWK(),
                rotated.rsa().toPublicJWK())).toString(true));
        String token = rotated.rs256(TestIdentityProvider.claims("dr-rivera", Instant.now(), "spa-clinician")
                .build());

        assertThat(post(token, "/choices", candidate(session, 1, 1, "dr-rivera")).statusCode()).isEqualTo(202);
        assertThat(post(IDP.clinician("dr-rivera"), "/choices", candidate(session, 1, 1, "dr-rivera"))
                .statusCode()).as("the old key still verifies").isEqualTo(200);
    }

    @Test
    void aChoiceOnTheTopicWithTheOwnersTokenIsAccepted() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "jwt-topic", LedgerFixtures.RIVERA, 1);

        sendChoice(session.sessionId(), LedgerFixtures.candidate(session.sessionId(), 1, 2, LedgerFixtures.RIVERA),
                "Bearer " + IDP.clinician("dr-rivera"));

        assertThat(waitFor().until(() -> requests(session), r -> !r.isEmpty())).singleElement()
                .satisfies(request -> assertThat(request.continuation().candidateRank()).isEqualTo(2));
    }

    @Test
    void choicesOnTheTopicWithoutAValidTokenOrForAnotherClinicianAreDeadLetteredWithoutTheToken()
            throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "jwt-topic-refused", LedgerFixtures.RIVERA, 1);
        String key = session.sessionId();
        String forged = TestIdentityProvider.sign(new RSASSASigner(TestIdentityProvider.create("idp-1").rsa()),
                JWSAlgorithm.RS256, IDP.rsa().getKeyID(), TestIdentityProvider.claims("dr-rivera", Instant.now(),
                        "spa-clinician").build());

        sendChoice(key, LedgerFixtures.candidate(key, 1, 1, LedgerFixtures.RIVERA), null);
        sendChoice(key, LedgerFixtures.candidate(key, 1, 1, LedgerFixtures.RIVERA), "Bearer " + forged);
        sendChoice(key, LedgerFixtures.candidate(key, 1, 1, LedgerFixtures.RIVERA),
                "Bearer " + IDP.clinician("dr-okafor"));
        sendChoice(key, LedgerFixtures.candidate(key, 1, 1, LedgerFixtures.RIVERA), "Bearer " + IDP.rs256(
                TestIdentityProvider.claims("dr-rivera", Instant.now(), "spa-auditor").build()));

        List<ConsumerRecord<String, byte[]>> dead = waitFor().until(
                () -> topics.records(Topic.DEAD_LETTER.name(), key), r -> r.size() >= 4);
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.REASON_CODE)).containsExactly(
                "UNAUTHENTICATED", "UNAUTHENTICATED", "CLINICIAN_MISMATCH", "FORBIDDEN");
        assertThat(dead).allSatisfy(r -> assertThat(r.headers().lastHeader(ChoiceTopicHandler.AUTHORIZATION))
                .isNull());
        assertThat(ledger.find(key).orElseThrow().choices()).isEmpty();
        assertThat(requests(session)).isEmpty();
    }

    private static void sendChoice(String key, org.spagateway.events.ChoiceMade choice, String authorization)
            throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topic.CHOICE_MADE.name(), key,
                CODEC.encodeBytes(LedgerFixtures.event(choice)));
        if (authorization != null) {
            record.headers().add(ChoiceTopicHandler.AUTHORIZATION, authorization.getBytes(StandardCharsets.UTF_8));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }

    /** The status line and headers of a response. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b = in.read(); b >= 0 && head.indexOf("\r\n\r\n") < 0; b = in.read()) {
            head.append((char) b);
        }
        return head.toString();
    }

    private static void assertRefused(SessionRecord session, HttpResponse<String> response, int status, String code)
            throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response).path("code").asText()).isEqualTo(code);
        assertThat(json(response).path("message").asText()).isNotBlank();
        assertThat(ledger.find(session.sessionId()).orElseThrow().choices()).isEmpty();
        assertThat(requests(session)).isEmpty();
    }

    private static List<RecordsAccessed> accesses(SessionRecord session, int count) {
        return waitFor().until(() -> topics.records(Topic.AUDIT_ACCESS.name(), session.sessionId()),
                r -> r.size() >= count).stream().map(r -> CODEC.<RecordsAccessed>decode(text(r),
                EventType.RECORDS_ACCESSED).data()).toList();
    }

    private static List<InferenceRequested> requests(SessionRecord session) {
        return topics.records(Topic.INFERENCE_INTERACTIVE.name(), session.studyInstanceUid()).stream()
                .map(r -> CODEC.<InferenceRequested>decode(text(r), EventType.INFERENCE_REQUESTED).data()).toList();
    }

    private static String candidate(SessionRecord session, int round, int rank, String clinicianId) {
        return "{\"sessionId\": \"" + session.sessionId() + "\", \"round\": " + round + ","
                + " \"decision\": \"CANDIDATE\", \"candidate\": {\"rank\": " + rank + ", \"segmentNumber\": "
                + (rank + 1) + "}, \"clinician\": {\"id\": \"" + clinicianId + "\", \"system\": \"" + NPI + "\"}}";
    }

    private static String start(SessionRecord session, String clinicianId) {
        return "{\"fromSession\": \"" + session.sessionId() + "\", \"clinician\": {\"id\": \"" + clinicianId
                + "\", \"system\": \"" + NPI + "\", \"personName\": \"Okafor^Chidi\"}}";
    }

    private static HttpRequest.Builder authorised(String token, String path) {
        return HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> post(String token, String path, String body) throws Exception {
        return send(authorised(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ApiJson.read(response.body().getBytes(StandardCharsets.UTF_8)).orElseThrow(
                () -> new AssertionError("not JSON: " + response.body()));
    }

    private static ConditionFactory waitFor() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
