package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.EventCodec;
import org.spagateway.events.RecordsAccessed;
import org.spagateway.events.Topic;
import org.spagateway.sessions.ChoiceValidator;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.test.harness.TestIdentityProvider;

/** The choice API's HTTP semantics without a server: statuses, codes and headers for what a client can get wrong. */
class ChoiceApiTest {

    private static final String TOKEN = "s3cret-token-0123456789";
    private static final TestIdentityProvider IDP = TestIdentityProvider.create("api");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:17:05Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private final RecordingPublisher publisher = new RecordingPublisher();
    private SessionLedger ledger;
    private SessionRecord session;

    @BeforeEach
    void openSession() throws IOException {
        ledger = SessionLedgerConfig.embedded(root).ledger();
        session = LedgerFixtures.open(ledger, "api", LedgerFixtures.RIVERA, 1);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void aChoiceIsRefusedWith429AndRetryAfterWhileTheInteractiveLaneIsFull() {
        Map<String, String> json = Map.of("content-type", "application/json");

        ApiResponse full = api(null, ledger, () -> OptionalLong.of(200))
                .handle(request("POST", "/choices", json, choiceBody(1, 2)));
        ApiResponse below = api(null, ledger, () -> OptionalLong.of(199))
                .handle(request("POST", "/choices", json, choiceBody(1, 2)));

        assertThat(full.status()).isEqualTo(429);
        assertThat(full.code()).isEqualTo("BUSY");
        assertThat(full.headers()).containsEntry("Retry-After", "5");
        assertThat(below.status()).isEqualTo(202);
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void nothingIsRefusedForTheBacklogWhenKafkaCannotTellIt() {
        ApiResponse response = api(null, ledger, OptionalLong::empty).handle(request("POST", "/choices",
                Map.of("content-type", "application/json"), choiceBody(1, 2)));

        assertThat(response.status()).isEqualTo(202);
    }

    @Test
    void answersHealthWithoutAToken() {
        ApiResponse response = api(TOKEN).handle(request("GET", "/health", Map.of(), ""));

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void answersHealthDownWhenTheLedgerCannotBeWritten() throws Exception {
        Path notAFolder = Files.writeString(root.resolve("not-a-folder"), "a file where the ledger should be");

        ApiResponse response;
        try (SessionLedger unwritable = SessionLedgerConfig.embedded(notAFolder)
                .withConnectionTimeout(Duration.ofMillis(250)).ledger()) {
            response = api(TOKEN, unwritable).handle(request("GET", "/health", Map.of(), ""));
        }

        assertThat(response.status()).isEqualTo(503);
        assertThat(json(response).path("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void refusesEveryOtherRequestWithoutTheBearerTokenWhenOneIsConfigured() {
        ChoiceApi api = api(TOKEN);

        ApiResponse missing = api.handle(request("GET", "/sessions/" + session.sessionId(), Map.of(), ""));
        ApiResponse wrong = api.handle(request("GET", "/sessions/" + session.sessionId(),
                Map.of("authorization", "Bearer not-the-token-at-all"), ""));
        ApiResponse right = api.handle(request("GET", "/sessions/" + session.sessionId(),
                Map.of("authorization", "Bearer " + TOKEN), ""));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.headers()).containsKey("WWW-Authenticate");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(right.status()).isEqualTo(200);
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void refusesABodyThatIsNotDeclaredJson() {
        ApiResponse response = api(null).handle(request("POST", "/choices", Map.of("content-type", "text/plain"),
                choiceBody(1, 1)));

        assertThat(response.status()).isEqualTo(415);
        assertThat(json(response).path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void acceptsJsonWithAUtf8Charset() {
        ApiResponse response = api(null).handle(request("POST", "/choices",
                Map.of("content-type", "application/json; charset=UTF-8"), choiceBody(1, 1)));

        assertThat(response.status()).isEqualTo(202);
    }

    @Test
    void callsAJsonObjectWithARepeatedKeyMalformed() {
        String body = "{\"sessionId\": \"" + session.sessionId() + "\", \"round\": 1, \"round\": 2}";

        ApiResponse response = post("/choices", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).path("code").asText()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void namesSchemaProblemsByTheirPathInTheBody() {
        String body = "{\"sessionId\": \"" + session.sessionId() + "\", \"round\": 0, \"decision\": \"APPROVE\","
                + " \"clinician\": {\"id\": \"dr-rivera\"}}";

        ApiResponse response = post("/choices", body);

        assertThat(response.status()).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.path("code").asText()).isEqualTo("SCHEMA_INVALID");
        assertThat(error.path("problems").get(0).asText()).startsWith("/round: ");
    }

    @Test
    void namesAMissingPropertyOfTheBodyItself() {
        ApiResponse response = post("/choices", "{\"sessionId\": \"" + session.sessionId() + "\", \"round\": 1,"
                + " \"decision\": \"APPROVE\"}");

        assertThat(json(response).path("problems").get(0).asText()).startsWith("/: ").contains("clinician");
    }

    @Test
    void answersARetriableFailureWhenTheNextRoundRequestIsNotAcknowledged() {
        publisher.failNext.set(1);

        ApiResponse failed = post("/choices", choiceBody(1, 2));
        ApiResponse retried = post("/choices", choiceBody(1, 2));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.headers()).containsEntry("Retry-After", ChoiceApi.RETRY_AFTER_SECONDS);
        assertThat(json(failed).path("code").asText()).isEqualTo("PUBLISH_FAILED");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(json(retried).path("status").asText()).isEqualTo("ALREADY_APPLIED");
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void givesNoSessionSummaryWhoseReadCouldNotBeAudited() {
        publisher.failNext.set(1);

        ApiResponse response = api(null).handle(request("GET", "/sessions/" + session.sessionId(), Map.of(), ""));

        assertThat(response.status()).isEqualTo(503);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain(session.studyInstanceUid());
    }

    @Test
    void auditsTheReadOfAnUnknownSessionToo() {
        ApiResponse response = api(null).handle(request("GET", "/sessions/spa-nobody",
                Map.of("x-spa-user", "dr-okafor"), ""));

        assertThat(response.status()).isEqualTo(404);
        assertThat(publisher.published).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo(Topic.AUDIT_ACCESS);
            RecordsAccessed access = (RecordsAccessed) p.event().data();
            assertThat(access.user()).isEqualTo("dr-okafor");
            assertThat(access.httpStatus()).isEqualTo(404);
            assertThat(access.sessionId()).isEqualTo("spa-nobody");
        });
    }

    @Test
    void answersUnknownPathsAndWrongMethodsWithoutTouchingAnything() {
        ChoiceApi api = api(null);

        ApiResponse unknown = api.handle(request("GET", "/choices/1", Map.of(), ""));
        ApiResponse wrongMethod = api.handle(request("GET", "/choices", Map.of(), ""));
        ApiResponse deleteSession = api.handle(request("DELETE", "/sessions/" + session.sessionId(), Map.of(), ""));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers()).containsEntry("Allow", "POST");
        assertThat(deleteSession.status()).isEqualTo(405);
        assertThat(publisher.published).isEmpty();
    }

    private ApiResponse post(String path, String body) {
        return api(null).handle(request("POST", path, Map.of("content-type", "application/json"), body));
    }

    private String choiceBody(int round, int rank) {
        return "{\"sessionId\": \"" + session.sessionId() + "\", \"round\": " + round + ", \"decision\": \"CANDIDATE\","
                + " \"candidate\": {\"rank\": " + rank + ", \"segmentNumber\": " + (rank + 1) + "},"
                + " \"clinician\": {\"id\": \"dr-rivera\", \"system\": \"urn:oid:2.16.840.1.113883.4.6\"}}";
    }

    private ChoiceApi api(String token) {
        return api(token, ledger);
    }

    private ChoiceApi api(String token, SessionLedger ledger) {
        return api(token, ledger, InteractiveBacklog.UNKNOWN);
    }

    @Test
    void inJwtModeARefusedTokenIsAnswered401BeforeTheBodyWithTheRfc6750ChallengeAndNoToken() throws Exception {
        String expired = IDP.rs256(TestIdentityProvider.claims("dr-rivera", CLOCK.instant().minusSeconds(3600),
                "spa-clinician").build());

        ApiResponse missing = jwtApi().beforeBody("POST", "/choices", Map.of()).orElseThrow();
        ApiResponse refused = jwtApi().beforeBody("POST", "/choices", Map.of("authorization", "Bearer " + expired))
                .orElseThrow();

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"spa-gateway\"");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"spa-gateway\","
                + " error=\"invalid_token\", error_description=\"Expired JWT\"");
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).doesNotContain(expired);
        assertThat(jwtApi().beforeBody("GET", "/health", Map.of())).isEmpty();
    }

    @Test
    void inJwtModeA403CarriesTheInsufficientScopeChallenge() throws Exception {
        String auditor = IDP.rs256(TestIdentityProvider.claims("audit-1", CLOCK.instant(), "spa-auditor").build());
        String body = "{\"sessionId\": \"" + session.sessionId() + "\", \"round\": 1, \"decision\": \"REJECT_ALL\","
                + " \"clinician\": {\"id\": \"audit-1\", \"system\": \"" + TestIdentityProvider.SYSTEM + "\"}}";

        ApiResponse response = jwtApi().handle(request("POST", "/choices", Map.of("authorization",
                "Bearer " + auditor, "content-type", "application/json"), body));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("FORBIDDEN");
        assertThat(response.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"spa-gateway\","
                + " error=\"insufficient_scope\", error_description=\"FORBIDDEN\"");
        assertThat(publisher.published).isEmpty();
    }

    private ChoiceApi jwtApi() throws java.text.ParseException {
        ChoiceApiConfig config = ChoiceApiConfig.from(ConfigSource.of(JwtGatewayConfig.of("jwks.json")));
        EventCodec codec = new EventCodec();
        InteractiveRequestMapper requests = new InteractiveRequestMapper(CLOCK);
        ChoiceIngress ingress = new ChoiceIngress(ledger, new ChoiceValidator(), requests, publisher);
        BearerTokenVerifier verifier = new BearerTokenVerifier(config.auth(),
                new ImmutableJWKSet<>(JWKSet.parse(IDP.jwks())), CLOCK);
        return new ChoiceApi(config, verifier, ingress, ledger, requests, publisher, codec, CLOCK,
                InteractiveBacklog.UNKNOWN);
    }

    private ChoiceApi api(String token, SessionLedger ledger, InteractiveBacklog backlog) {
        Map<String, String> properties = new HashMap<>();
        if (token != null) {
            properties.put(ChoiceApiConfig.API_TOKEN, token);
        }
        ChoiceApiConfig config = ChoiceApiConfig.from(ConfigSource.of(properties));
        EventCodec codec = new EventCodec();
        InteractiveRequestMapper requests = new InteractiveRequestMapper(CLOCK);
        ChoiceIngress ingress = new ChoiceIngress(ledger, new ChoiceValidator(), requests, publisher);
        return new ChoiceApi(config, new StaticTokenAuthenticator(config.apiToken(), config.clientName()), ingress,
                ledger, requests, publisher, codec, CLOCK, backlog);
    }

    private static ApiRequest request(String method, String path, Map<String, String> headers, String body) {
        return new ApiRequest(method, path, headers, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    private static JsonNode json(ApiResponse response) {
        return ApiJson.read(response.body()).orElseThrow();
    }
}
