package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceLane;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.RecordsAccessed;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.sessions.SessionView;
import org.spagateway.test.harness.TopicReader;

/**
 * The choice API over real HTTP on loopback, with a real ledger and a real Kafka broker: what a reporting system
 * sends, what it gets back, and what the gateway publishes (or, for every refusal, does not).
 */
class ChoiceApiIT {

    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final EventCodec CODEC = new EventCodec();

    @TempDir
    static Path work;

    private static EmbeddedKafkaBroker broker;
    private static SessionLedger ledger;
    private static RunningReportingApi runtime;
    private static TopicReader topics;
    private static HttpClient http;
    private static String baseUri;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(work.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        topics = new TopicReader(broker.bootstrapServers());
        ledger = SessionLedgerConfig.embedded(work.resolve("sessions")).ledger();
        ChoiceApiConfig choices = ChoiceApiConfig.from(ConfigSource.of(Map.of(
                ChoiceApiConfig.PORT, "0",
                ChoiceApiConfig.API_TOKEN, TOKEN,
                ChoiceApiConfig.MAX_BODY_BYTES, "4096",
                ChoiceApiConfig.READ_TIMEOUT, "1s")));
        runtime = RunningReportingApi.start(KafkaConfig.forBootstrapServers(broker.bootstrapServers()), ledger,
                choices, NotificationConfig.from(ConfigSource.of(Map.of())));
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
    }

    @Test
    void anAcceptedChoiceIsAnswered202AndItsNextRoundRequestIsOnTheInteractiveTopic() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "accepted", LedgerFixtures.RIVERA, 1);

        HttpResponse<String> response = post("/choices", candidate(session, 1, 2, "dr-rivera"));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json(response);
        String requestId = SessionIds.continuationRequestId(session.sessionId(), 1);
        assertThat(body.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(body.path("sessionId").asText()).isEqualTo(session.sessionId());
        assertThat(body.path("round").asInt()).isEqualTo(1);
        assertThat(body.path("decision").asText()).isEqualTo("CANDIDATE");
        assertThat(body.path("requestId").asText()).isEqualTo(requestId);
        assertThat(body.path("nextRound").asInt()).isEqualTo(2);
        ChoiceRecord recorded = choices(session).get(1);
        assertThat(body.path("choiceEventId").asText()).isEqualTo(recorded.choiceEventId());

        EventEnvelope<InferenceRequested> event = requests(session).get(0);
        assertThat(event.subject()).isEqualTo(session.studyInstanceUid());
        assertThat(event.correlationId()).isEqualTo(session.correlationId());
        InferenceRequested request = event.data();
        assertThat(request.requestId()).isEqualTo(requestId);
        assertThat(request.lane()).isEqualTo(InferenceLane.INTERACTIVE);
        assertThat(request.studyVersion()).isEqualTo(session.studyVersion());
        assertThat(request.task()).isEqualTo(session.task());
        assertThat(request.ruleName()).isEqualTo(session.ruleName());
        assertThat(request.seriesInstanceUid()).isEqualTo(session.seriesInstanceUid());
        assertThat(request.modality()).isEqualTo(session.modality());
        assertThat(request.instances()).isEqualTo(session.instances());
        assertThat(request.clinician().id()).isEqualTo("dr-rivera");
        assertThat(request.continuation().sessionId()).isEqualTo(session.sessionId());
        assertThat(request.continuation().fromRound()).isEqualTo(1);
        assertThat(request.continuation().decision()).isEqualTo(ChoiceDecision.CANDIDATE);
        assertThat(request.continuation().candidateRank()).isEqualTo(2);
        assertThat(request.continuation().choiceEventId()).isEqualTo(recorded.choiceEventId());
        assertThat(request.continuation().decidedAt()).isEqualTo(recorded.decidedAt());
    }

    @Test
    void anApprovalIsAcceptedWithoutANextRound() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "approval", LedgerFixtures.RIVERA, 2);

        HttpResponse<String> response = post("/choices", decision(session, 2, "APPROVE", "dr-rivera"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).has("nextRound")).isFalse();
        assertThat(requests(session).get(0).data().continuation().decision()).isEqualTo(ChoiceDecision.APPROVE);
    }

    @Test
    void aRepeatedChoiceIsAnswered200AlreadyAppliedWithTheSameRequestAndEvent() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "repeat", LedgerFixtures.RIVERA, 1);
        JsonNode first = json(post("/choices", candidate(session, 1, 3, "dr-rivera")));

        HttpResponse<String> again = post("/choices", candidate(session, 1, 3, "dr-rivera"));

        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode body = json(again);
        assertThat(body.path("status").asText()).isEqualTo("ALREADY_APPLIED");
        assertThat(body.path("requestId").asText()).isEqualTo(first.path("requestId").asText());
        assertThat(body.path("choiceEventId").asText()).isEqualTo(first.path("choiceEventId").asText());
        List<EventEnvelope<InferenceRequested>> published = requests(session);
        assertThat(published).hasSize(2);
        assertThat(published).extracting(EventEnvelope::eventId).containsOnly(published.get(0).eventId());
        assertThat(published).extracting(e -> e.data().requestId()).containsOnly(first.path("requestId").asText());
    }

    @Test
    void refusesMalformedJsonWith400() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "malformed", LedgerFixtures.RIVERA, 1);

        assertRefused(session, post("/choices", "{\"sessionId\": \"" + session.sessionId() + "\","), 400,
                "MALFORMED_JSON");
    }

    @Test
    void refusesASchemaInvalidChoiceWith400AndTheValidatorsFindings() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "schema", LedgerFixtures.RIVERA, 1);
        String noCandidate = "{\"sessionId\": \"" + session.sessionId() + "\", \"round\": 1,"
                + " \"decision\": \"CANDIDATE\", \"clinician\": {\"id\": \"dr-rivera\"}, \"extra\": true}";

        HttpResponse<String> response = post("/choices", noCandidate);

        assertRefused(session, response, 400, "SCHEMA_INVALID");
        assertThat(json(response).path("problems").toString()).contains("candidate").contains("extra");
    }

    @Test
    void refusesAChoiceOnAnUnknownSessionWith404() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "unknown", LedgerFixtures.RIVERA, 1);
        String body = candidate(session, 1, 1, "dr-rivera").replace(session.sessionId(), "spa-does-not-exist");

        assertRefused(session, post("/choices", body), 404, "UNKNOWN_SESSION");
    }

    @Test
    void refusesAChoiceOnASupersededRoundWith409() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "stale", LedgerFixtures.RIVERA, 2);

        assertRefused(session, post("/choices", candidate(session, 1, 1, "dr-rivera")), 409, "STALE_ROUND");
    }

    @Test
    void refusesAChoiceOnARoundNotComputedYetWith409() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "future", LedgerFixtures.RIVERA, 1);

        assertRefused(session, post("/choices", candidate(session, 2, 1, "dr-rivera")), 409, "FUTURE_ROUND");
    }

    @Test
    void refusesACandidateOutOfRangeWith422() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "range", LedgerFixtures.RIVERA, 1);

        assertRefused(session, post("/choices", candidate(session, 1, 5, "dr-rivera")), 422,
                "CANDIDATE_OUT_OF_RANGE");
    }

    @Test
    void refusesAChoiceByAnotherClinicianWith403() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "other", LedgerFixtures.RIVERA, 1);

        assertRefused(session, post("/choices", candidate(session, 1, 1, "dr-okafor")), 403, "CLINICIAN_MISMATCH");
    }

    @Test
    void refusesADifferentDecisionOnADecidedRoundWith409() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "duplicate", LedgerFixtures.RIVERA, 1);
        post("/choices", candidate(session, 1, 1, "dr-rivera"));
        int publishedBefore = requests(session).size();

        HttpResponse<String> response = post("/choices", candidate(session, 1, 2, "dr-rivera"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("code").asText()).isEqualTo("DUPLICATE_CHOICE");
        assertThat(requests(session)).hasSize(publishedBefore);
        assertThat(choices(session).get(1).candidateRank()).isEqualTo(1);
    }

    @Test
    void refusesANewDecisionOnAnApprovedSessionWith409() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "closed", LedgerFixtures.RIVERA, 1);
        post("/choices", decision(session, 1, "APPROVE", "dr-rivera"));
        LedgerFixtures.addRound(ledger, session, 2);
        int publishedBefore = requests(session).size();

        HttpResponse<String> response = post("/choices", candidate(session, 2, 1, "dr-rivera"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("code").asText()).isEqualTo("SESSION_CLOSED");
        assertThat(requests(session)).hasSize(publishedBefore);
        assertThat(choices(session)).containsOnlyKeys(1);
    }

    @Test
    void refusesABodyThatIsNotJsonOrTooLarge() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "limits", LedgerFixtures.RIVERA, 1);
        String body = candidate(session, 1, 1, "dr-rivera");

        HttpResponse<String> text = send(authorised("/choices").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        HttpResponse<String> large = post("/choices", body.replace("}}", "}, \"padding\": \"" + "x".repeat(5000)
                + "\"}"));

        assertRefused(session, text, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertRefused(session, large, 413, "BODY_TOO_LARGE");
    }

    /**
     * A body well over the limit is answered with 413 every time, while the client is still sending it: the server
     * reads and drops the rest before it closes (closing on unread bytes resets the connection, and the client then
     * saw "header parser received no bytes" instead of the answer).
     */
    @Test
    void aBodyFarOverTheLimitStillGets413WhileTheClientIsSendingIt() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "huge", LedgerFixtures.RIVERA, 1);
        String huge = candidate(session, 1, 1, "dr-rivera").replace("}}", "}, \"padding\": \""
                + "x".repeat(600_000) + "\"}");
        for (int attempt = 0; attempt < 10; attempt++) {
            assertRefused(session, post("/choices", huge), 413, "BODY_TOO_LARGE");
        }
        // Sent in chunks, without a Content-Length announcing it: the same.
        HttpResponse<String> chunked = send(authorised("/choices").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))));
        assertRefused(session, chunked, 413, "BODY_TOO_LARGE");
    }

    @Test
    void requiresTheBearerTokenOnEveryRequestButHealth() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "token", LedgerFixtures.RIVERA, 1);
        HttpRequest.Builder withoutToken = HttpRequest.newBuilder(URI.create(baseUri + "/choices"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(candidate(session, 1, 1, "dr-rivera")));

        HttpResponse<String> refused = send(withoutToken);
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(baseUri + "/health")).GET());

        assertRefused(session, refused, 401, "UNAUTHORIZED");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutTheTokenIsRefusedBeforeItsBodyIsRead() throws Exception {
        try (Socket socket = rawConnection()) {
            // Headers announce a body that never comes: the answer must not wait for it.
            send(socket, "POST /choices HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4000\r\n\r\n");

            assertThat(statusLine(socket)).startsWith("HTTP/1.1 401");
        }
    }

    @Test
    void aBodyThatStallsIsCutOffAtTheReadTimeoutAndTheApiStillAnswers() throws Exception {
        try (Socket socket = rawConnection()) {
            send(socket, "POST /choices HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: 4000\r\n\r\n{\"sessionId\"");

            assertThat(statusLine(socket)).startsWith("HTTP/1.1 408");
        }
        assertThat(send(HttpRequest.newBuilder(URI.create(baseUri + "/health")).GET()).statusCode()).isEqualTo(200);
    }

    /** A connection whose reads give up after 5 s: longer than the API's 1 s read timeout, shorter than a hang. */
    private static Socket rawConnection() throws IOException {
        URI uri = URI.create(baseUri);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The response's status line, or "" when the server closed the connection without one. */
    private static String statusLine(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        InputStream in = socket.getInputStream();
        for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }

    @Test
    void startsASessionForAnotherClinicianOnTheSameImage() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "second-reader", LedgerFixtures.RIVERA, 1);
        String body = "{\"fromSession\": \"" + session.sessionId() + "\", \"clinician\": {\"id\": \"dr-okafor\","
                + " \"personName\": \"Okafor^Chidi\"}}";

        HttpResponse<String> response = post("/sessions", body);

        assertThat(response.statusCode()).isEqualTo(202);
        String requestId = SessionIds.clinicianSessionRequestId(session.sessionId(), "dr-okafor");
        assertThat(json(response).path("requestId").asText()).isEqualTo(requestId);
        assertThat(json(response).path("sessionId").asText())
                .isEqualTo(SessionIds.sessionId(requestId, session.source().sopInstanceUid()));
        InferenceRequested request = requests(session).get(0).data();
        assertThat(request.requestId()).isEqualTo(requestId);
        assertThat(request.lane()).isEqualTo(InferenceLane.INTERACTIVE);
        assertThat(request.clinician()).isEqualTo(new Clinician("dr-okafor", null, "Okafor^Chidi"));
        assertThat(request.continuation()).isNull();
        assertThat(request.instances()).containsExactly(session.source());
        assertThat(request.task()).isEqualTo(session.task());
    }

    @Test
    void refusesToStartASessionFromAnUnknownOneOrWithoutAClinician() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "start-refused", LedgerFixtures.RIVERA, 1);

        HttpResponse<String> unknown = post("/sessions", "{\"fromSession\": \"spa-nope\", \"clinician\": {\"id\":"
                + " \"dr-okafor\"}}");
        HttpResponse<String> noClinician = post("/sessions", "{\"fromSession\": \"" + session.sessionId() + "\"}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(noClinician.statusCode()).isEqualTo(400);
        assertThat(json(noClinician).path("code").asText()).isEqualTo("SCHEMA_INVALID");
        assertThat(requests(session)).isEmpty();
    }

    @Test
    void readingASessionAnswersItsSummaryAndPublishesTheAccessForTheAudit() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "read", null, 2);
        post("/choices", candidate(session, 2, 4, "dr-rivera"));

        HttpResponse<String> response = send(authorised("/sessions/" + session.sessionId())
                .header(SessionResource.USER_HEADER, "dr-rivera").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode summary = json(response);
        assertThat(summary.path("sessionId").asText()).isEqualTo(session.sessionId());
        assertThat(summary.path("task").asText()).isEqualTo(session.task());
        assertThat(summary.path("studyInstanceUid").asText()).isEqualTo(session.studyInstanceUid());
        assertThat(summary.path("ownerClinicianId").asText()).isEqualTo("dr-rivera");
        assertThat(summary.path("status").asText()).isEqualTo("OPEN");
        assertThat(summary.path("rounds")).hasSize(2);
        JsonNode round2 = summary.path("rounds").get(1);
        assertThat(round2.path("candidateCount").asInt()).isEqualTo(4);
        assertThat(round2.path("sopInstanceUid").asText()).isEqualTo(session.studyInstanceUid() + ".9.2");
        assertThat(round2.path("decision").path("decision").asText()).isEqualTo("CANDIDATE");
        assertThat(round2.path("decision").path("candidateRank").asInt()).isEqualTo(4);
        assertThat(summary.path("rounds").get(0).has("decision")).isFalse();

        List<ConsumerRecord<String, byte[]>> audit = topics.records(Topic.AUDIT_ACCESS.name(), session.sessionId());
        assertThat(audit).singleElement().satisfies(record -> {
            RecordsAccessed access = CODEC.<RecordsAccessed>decode(text(record), EventType.RECORDS_ACCESSED).data();
            assertThat(access.api()).isEqualTo("choice-api");
            assertThat(access.action()).isEqualTo("READ");
            assertThat(access.path()).isEqualTo("/sessions/" + session.sessionId());
            assertThat(access.sessionId()).isEqualTo(session.sessionId());
            assertThat(access.studyInstanceUid()).isEqualTo(session.studyInstanceUid());
            assertThat(access.user()).isEqualTo("dr-rivera");
            assertThat(access.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(access.httpStatus()).isEqualTo(200);
        });
    }

    @Test
    void readingWithoutAUserHeaderAuditsTheApiClient() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "read-client", LedgerFixtures.RIVERA, 1);

        send(authorised("/sessions/" + session.sessionId()).GET());

        assertThat(topics.records(Topic.AUDIT_ACCESS.name(), session.sessionId())).singleElement()
                .satisfies(record -> assertThat(CODEC.<RecordsAccessed>decode(text(record),
                        EventType.RECORDS_ACCESSED).data().user()).isEqualTo(ChoiceApiConfig.DEFAULT_CLIENT_NAME));
    }

    private static void assertRefused(SessionRecord session, HttpResponse<String> response, int status, String code)
            throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        assertThat(json(response).path("code").asText()).isEqualTo(code);
        assertThat(json(response).path("message").asText()).isNotBlank();
        assertThat(choices(session)).isEmpty();
        assertThat(requests(session)).isEmpty();
    }

    private static java.util.Map<Integer, ChoiceRecord> choices(SessionRecord session) throws IOException {
        return ledger.find(session.sessionId()).map(SessionView::choices).orElseThrow();
    }

    /** Next-round and new-session requests for the session's study, in publishing order. */
    private static List<EventEnvelope<InferenceRequested>> requests(SessionRecord session) {
        return topics.records(Topic.INFERENCE_INTERACTIVE.name(), session.studyInstanceUid()).stream()
                .map(r -> CODEC.<InferenceRequested>decode(text(r), EventType.INFERENCE_REQUESTED)).toList();
    }

    private static String candidate(SessionRecord session, int round, int rank, String clinicianId) {
        return "{\"sessionId\": \"" + session.sessionId() + "\", \"round\": " + round + ","
                + " \"decision\": \"CANDIDATE\", \"candidate\": {\"rank\": " + rank + ", \"segmentNumber\": "
                + (rank + 1) + "}, \"clinician\": " + clinician(clinicianId) + "}";
    }

    private static String decision(SessionRecord session, int round, String decision, String clinicianId) {
        return "{\"sessionId\": \"" + session.sessionId() + "\", \"round\": " + round + ", \"decision\": \""
                + decision + "\", \"clinician\": " + clinician(clinicianId) + "}";
    }

    /** The fixtures' clinicians: identifiers in the US NPI system, which must match the session owner's exactly. */
    private static String clinician(String id) {
        return "{\"id\": \"" + id + "\", \"system\": \"" + LedgerFixtures.RIVERA.system() + "\"}";
    }

    private static HttpRequest.Builder authorised(String path) {
        return HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return send(authorised(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ApiJson.read(response.body().getBytes(StandardCharsets.UTF_8)).orElseThrow(
                () -> new AssertionError("not JSON: " + response.body()));
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
