package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChoiceMade;
import org.spagateway.events.ChosenCandidate;
import org.spagateway.events.Clinician;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.Topic;
import org.spagateway.health.HealthReport;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.TopicReader;

/**
 * The bad-event corpus against the all-in-one gateway on a real broker: records that can never succeed, sent to the
 * topics the router, the worker, the choice ingress and the profiles consume, each with the reason code its dead
 * letter must carry; and bad requests to the choice API. Every bad record is keyed so that it shares its partition
 * with a good record sent after it, and the good records' results show that every consumer moved on. All data is
 * synthetic.
 */
class BadEventsCorpusIT {

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM = "urn:oid:2.16.840.1.113883.4.6";
    private static final Clinician RIVERA = new Clinician("dr-rivera", SYSTEM, "Rivera^Ana^^Dr");
    private static final Clinician OKAFOR = new Clinician("dr-okafor", SYSTEM, "Okafor^Chidi");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    /** One record that can never succeed, and the reason code its dead letter must carry. */
    private record Bad(String kind, Topic topic, String key, byte[] value, String reasonCode) {
    }

    @Test
    void everyBadEventIsDeadLetteredWithItsReasonAndTheGoodRecordsAfterItAreProcessed() throws Exception {
        SyntheticStudyGenerator generator = new SyntheticStudyGenerator();
        GeneratedStudy first = generator.generate(StudySpec.of(DemoTask.FUNDUS, 1, 31).withSize(256),
                work.resolve("first"));
        GeneratedStudy second = generator.generate(StudySpec.of(DemoTask.FUNDUS, 1, 32).withSize(256),
                work.resolve("second"));
        Path notAnImage = Files.writeString(work.resolve("not-an-image.dcm"), "plain text, not DICOM");
        List<Bad> corpus = new ArrayList<>();

        try (AllInOneGateway gateway = AllInOneGateway.start(AllInOneGatewayIT.testConfig(work));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                     gateway.bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            TopicReader topics = new TopicReader(gateway.bootstrapServers());
            URI api = URI.create(gateway.choiceApiUri().orElseThrow());
            send(gateway, first);
            CandidatesReady firstRound1 = awaitRound(topics, first, 1);
            String session = firstRound1.sessionId();
            String studyReceived = value(topics, Topic.STUDY_RECEIVED, first.studyInstanceUid());
            String request = value(topics, Topic.INFERENCE_REQUESTED, first.studyInstanceUid());
            String candidatesReady = value(topics, Topic.CANDIDATES_READY, session);

            // The router and the worker: every bad record keyed by the second study, which goes through after them.
            String next = second.studyInstanceUid();
            corpus.add(new Bad("malformed JSON", Topic.STUDY_RECEIVED, next, utf8("{not json"), "MALFORMED_JSON"));
            corpus.add(new Bad("an empty value", Topic.STUDY_RECEIVED, next, new byte[0], "MALFORMED_JSON"));
            corpus.add(new Bad("bytes that are not UTF-8", Topic.STUDY_RECEIVED, next,
                    new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}, "MALFORMED_JSON"));
            corpus.add(new Bad("a JSON array", Topic.STUDY_RECEIVED, next, utf8("[1, 2, 3]"), "MALFORMED_JSON"));
            corpus.add(new Bad("another event type", Topic.STUDY_RECEIVED, next, utf8(candidatesReady),
                    "UNEXPECTED_TYPE"));
            corpus.add(new Bad("no data", Topic.STUDY_RECEIVED, next, edit(studyReceived, e -> e.remove("data")),
                    "SCHEMA_INVALID"));
            corpus.add(new Bad("a negative version", Topic.STUDY_RECEIVED, next,
                    edit(studyReceived, e -> data(e).put("version", -1)), "SCHEMA_INVALID"));
            corpus.add(new Bad("a UID component with a leading zero", Topic.STUDY_RECEIVED, next,
                    edit(studyReceived, e -> data(e).put("studyInstanceUid", "1.2.0123")), "SCHEMA_INVALID"));
            corpus.add(new Bad("an oversized field", Topic.STUDY_RECEIVED, next,
                    edit(studyReceived, e -> data(e).put("callingAeTitle", "A".repeat(200_000))), "SCHEMA_INVALID"));
            corpus.add(new Bad("an unknown CloudEvents version", Topic.STUDY_RECEIVED, next,
                    edit(studyReceived, e -> e.put("specversion", "0.3")), "SCHEMA_INVALID"));
            corpus.add(new Bad("a request cut short", Topic.INFERENCE_REQUESTED, next,
                    Arrays.copyOf(utf8(request), 40), "MALFORMED_JSON"));
            corpus.add(new Bad("a task no model serves", Topic.INFERENCE_REQUESTED, next,
                    request(request, "corpus-task", e -> data(e).put("task", "mr-brain-tumour")), "TASK_NOT_SERVED"));
            corpus.add(new Bad("a source file that is gone", Topic.INFERENCE_REQUESTED, next,
                    request(request, "corpus-gone", e -> location(e, work.resolve("gone.dcm").toUri().toString())),
                    "SOURCE_MISSING"));
            corpus.add(new Bad("a source that is not an image", Topic.INFERENCE_REQUESTED, next,
                    request(request, "corpus-text", e -> location(e, notAnImage.toUri().toString())),
                    "SOURCE_UNREADABLE"));
            corpus.add(new Bad("a next round of a session nobody started", Topic.INFERENCE_REQUESTED, next,
                    request(request, "corpus-nobody", e -> {
                        data(e).put("lane", "INTERACTIVE").set("clinician", JSON.valueToTree(RIVERA));
                        data(e).set("continuation", JSON.createObjectNode().put("sessionId", "spa-nobody")
                                .put("fromRound", 1).put("decision", "REJECT_ALL")
                                .put("choiceEventId", UUID.randomUUID().toString())
                                .put("decidedAt", "2026-12-07T08:00:00Z"));
                    }), "UNKNOWN_SESSION"));
            publish(producer, corpus);
            send(gateway, second);
            awaitRound(topics, second, 1);

            // The choice ingress and the profiles: keyed by the first session, and by its clinician.
            assertThat(post(api, choiceBody(session, 1, "\"decision\":\"CANDIDATE\",\"candidate\":{\"rank\":2,"
                    + "\"segmentNumber\":3}")).statusCode()).isEqualTo(202);
            awaitRound(topics, first, 2);
            // The same decision as a ChoiceMade on the topic (another reporting system's way in): a repeat.
            byte[] accepted = choice(session, 1, ChoiceDecision.CANDIDATE, new ChosenCandidate(2, 3), RIVERA);
            List<Bad> choices = List.of(
                    new Bad("a choice on a session nobody started", Topic.CHOICE_MADE, session,
                            choice("spa-nobody", 1, ChoiceDecision.REJECT_ALL, null, RIVERA), "UNKNOWN_SESSION"),
                    new Bad("a choice on a round not shown yet", Topic.CHOICE_MADE, session,
                            choice(session, 7, ChoiceDecision.REJECT_ALL, null, RIVERA), "FUTURE_ROUND"),
                    new Bad("a choice on a round already decided", Topic.CHOICE_MADE, session,
                            choice(session, 1, ChoiceDecision.REJECT_ALL, null, RIVERA), "STALE_ROUND"),
                    new Bad("a candidate the round does not have", Topic.CHOICE_MADE, session,
                            choice(session, 2, ChoiceDecision.CANDIDATE, new ChosenCandidate(9, 10), RIVERA),
                            "CANDIDATE_OUT_OF_RANGE"),
                    new Bad("a choice by another clinician", Topic.CHOICE_MADE, session,
                            choice(session, 2, ChoiceDecision.REJECT_ALL, null, OKAFOR), "CLINICIAN_MISMATCH"),
                    new Bad("a choice that is not JSON", Topic.CHOICE_MADE, session, utf8("decision=APPROVE"),
                            "MALFORMED_JSON"),
                    new Bad("another event type as a choice", Topic.CHOICE_MADE, session, utf8(studyReceived),
                            "UNEXPECTED_TYPE"),
                    new Bad("a decision the contract does not know", Topic.CHOICE_MADE, session,
                            edit(new String(accepted, StandardCharsets.UTF_8), e -> data(e).put("decision", "MAYBE")),
                            "SCHEMA_INVALID"),
                    new Bad("a choice log record that is not JSON", Topic.CHOICE_APPLIED, RIVERA.id(),
                            utf8("{\"specversion\": 1.0"), "MALFORMED_JSON"),
                    new Bad("another event type in the choice log", Topic.CHOICE_APPLIED, RIVERA.id(),
                            utf8(studyReceived), "UNEXPECTED_TYPE"));
            corpus.addAll(choices);
            publish(producer, choices);
            // The accepted decision again: a repeat, applied once, never dead-lettered.
            producer.send(new ProducerRecord<>(Topic.CHOICE_MADE.name(), session, accepted)).get();
            assertThat(post(api, choiceBody(session, 2, "\"decision\":\"APPROVE\"")).statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> !topics.records(Topic.SESSION_APPROVED.name(), session).isEmpty());
            await().atMost(WAIT).until(() -> topics.records(Topic.PROFILE_UPDATED.name(), RIVERA.id()).size() >= 2);
            Bad closed = new Bad("a choice on an approved session", Topic.CHOICE_MADE, session,
                    choice(session, 2, ChoiceDecision.REJECT_ALL, null, RIVERA), "SESSION_CLOSED");
            corpus.add(closed);
            publish(producer, List.of(closed));

            // Bad requests to the choice API: answered with a reason, nothing recorded.
            HttpResponse<String> textPlain = http.send(HttpRequest.newBuilder(api.resolve("/choices"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("APPROVE"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(textPlain.statusCode()).isEqualTo(415);
            assertThat(post(api, "{\"sessionId\": ").statusCode()).isEqualTo(400);
            assertThat(post(api, "{\"pad\":\"" + "x".repeat(70_000) + "\"}").statusCode()).isEqualTo(413);
            HttpResponse<String> unknownPath = http.send(HttpRequest.newBuilder(api.resolve("/choices/all")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unknownPath.statusCode()).isEqualTo(404);

            await().atMost(WAIT).untilAsserted(() -> {
                List<ConsumerRecord<String, byte[]>> dead = topics.readAll(Topic.DEAD_LETTER.name());
                for (Bad bad : corpus) {
                    assertThat(dead).as(bad.kind()).anySatisfy(letter -> {
                        assertThat(letter.value()).isEqualTo(bad.value());
                        assertThat(header(letter, DeadLetterHeaders.REASON_CODE)).isEqualTo(bad.reasonCode());
                        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(bad.topic().name());
                    });
                }
                assertThat(dead).as("one dead letter per bad record, none for the redelivered choice")
                        .hasSize(corpus.size());
            });
            // The process's metrics count every dead letter by its source topic and reason code, once it is
            // acknowledged, and the choice API's answers by operation template and status.
            Map<String, Long> expected = corpus.stream().collect(Collectors.groupingBy(
                    bad -> bad.topic().name() + " " + bad.reasonCode(), TreeMap::new, Collectors.counting()));
            int healthPort = gateway.healthPort().orElseThrow();
            await().atMost(WAIT).untilAsserted(() -> {
                ScrapedMetrics metrics = ScrapedMetrics.scrape(healthPort, null);
                Map<String, Long> counted = new TreeMap<>();
                metrics.find("spa_dead_letters_total").forEach(sample -> counted.merge(
                        sample.labels().get("source_topic") + " " + sample.labels().get("reason_code"),
                        (long) sample.value(), Long::sum));
                assertThat(counted).isEqualTo(expected);
            });
            ScrapedMetrics metrics = ScrapedMetrics.scrape(healthPort, null);
            for (String status : List.of("415", "400", "413")) {
                assertThat(metrics.value("spa_choice_api_request_seconds_count", "operation", "POST /choices",
                        "status", status)).as(status).isEqualTo(1.0);
            }
            assertThat(metrics.value("spa_choice_api_request_seconds_count", "operation", "other", "status", "404"))
                    .isEqualTo(1.0);
            assertThat(metrics.labelValues()).noneMatch(value -> ScrapedMetrics.UID_SHAPED.matcher(value).find())
                    .doesNotContain(session);
            // The choice log is keyed by clinician; the corpus's own records on it are not events of this session.
            assertThat(topics.readAll(Topic.CHOICE_APPLIED.name()).stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).filter(v -> v.contains(session))
                    .map(v -> CODEC.<ChoiceApplied>decode(v, EventType.CHOICE_APPLIED))
                    .filter(event -> event.data().sessionId().equals(session)).map(EventEnvelope::eventId).distinct())
                    .as("choices applied (a redelivery repeats an event id)").hasSize(2);
            HealthReport ready = gateway.health().readiness();
            assertThat(ready.up()).as(ready.toJson()).isTrue();
        }
        assertThat(corpus).as("kinds of bad events").hasSizeGreaterThanOrEqualTo(20);
    }

    private static void send(AllInOneGateway gateway, GeneratedStudy study) throws Exception {
        Dcmtk.Result sent = Dcmtk.storescu("STORESCU", gateway.dicomAeTitle(), "127.0.0.1", gateway.dicomPort(),
                study.files());
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
    }

    private static CandidatesReady awaitRound(TopicReader topics, GeneratedStudy study, int round) {
        Predicate<CandidatesReady> wanted = ready -> ready.studyInstanceUid().equals(study.studyInstanceUid())
                && ready.round() == round;
        return await().atMost(WAIT).until(() -> topics.readAll(Topic.CANDIDATES_READY.name()).stream()
                .map(r -> CODEC.<CandidatesReady>decode(new String(r.value(), StandardCharsets.UTF_8),
                        EventType.CANDIDATES_READY).data())
                .filter(wanted).findFirst().orElse(null), found -> found != null);
    }

    private static String value(TopicReader topics, Topic topic, String key) {
        return new String(topics.records(topic.name(), key).get(0).value(), StandardCharsets.UTF_8);
    }

    private static void publish(KafkaProducer<String, byte[]> producer, List<Bad> records) throws Exception {
        for (Bad bad : records) {
            producer.send(new ProducerRecord<>(bad.topic().name(), bad.key(), bad.value())).get();
        }
    }

    private static byte[] choice(String sessionId, int round, ChoiceDecision decision, ChosenCandidate candidate,
                                 Clinician clinician) {
        return CODEC.encodeBytes(EventEnvelope.of(EventType.CHOICE_MADE, "/spa-gateway/corpus", sessionId,
                UUID.randomUUID().toString(), Instant.now(), new ChoiceMade(sessionId, round, decision, candidate,
                        clinician)));
    }

    /** The envelope's JSON with a new event id and {@code change} applied. */
    private static byte[] edit(String envelope, Consumer<ObjectNode> change) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(envelope);
        json.put("id", UUID.randomUUID().toString());
        change.accept(json);
        return JSON.writeValueAsBytes(json);
    }

    /** A first-round request of its own ({@code requestId}) with {@code change} applied. */
    private static byte[] request(String envelope, String requestId, Consumer<ObjectNode> change) throws Exception {
        return edit(envelope, e -> {
            data(e).put("requestId", requestId);
            change.accept(e);
        });
    }

    private static ObjectNode data(ObjectNode envelope) {
        return (ObjectNode) envelope.get("data");
    }

    private static void location(ObjectNode envelope, String uri) {
        JsonNode instances = data(envelope).get("instances");
        ((ObjectNode) ((ArrayNode) instances).get(0)).put("location", uri);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String choiceBody(String session, int round, String decision) {
        return "{\"sessionId\":\"" + session + "\",\"round\":" + round + "," + decision + ",\"clinician\":{\"id\":"
                + "\"dr-rivera\",\"system\":\"" + SYSTEM + "\",\"personName\":\"Rivera^Ana^^Dr\"}}";
    }

    private HttpResponse<String> post(URI api, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(api.resolve("/choices")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
