package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
import org.spagateway.events.ChoiceMade;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.test.harness.TopicReader;

/** Choices submitted as ChoiceMade events on {@code spa.choice.made}, through a real broker into a real ledger. */
class ChoiceTopicIT {

    private static final EventCodec CODEC = new EventCodec();

    @TempDir
    static Path work;

    private static EmbeddedKafkaBroker broker;
    private static SessionLedger ledger;
    private static RunningReportingApi runtime;
    private static TopicReader topics;
    private static KafkaConfig kafka;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(work.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        topics = new TopicReader(broker.bootstrapServers());
        ledger = SessionLedgerConfig.embedded(work.resolve("sessions")).ledger();
        kafka = KafkaConfig.forBootstrapServers(broker.bootstrapServers());
        runtime = RunningReportingApi.start(kafka, ledger,
                ChoiceApiConfig.from(ConfigSource.of(Map.of(ChoiceApiConfig.PORT, "0"))),
                NotificationConfig.from(ConfigSource.of(Map.of())));
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
    void aValidChoiceOnTheTopicBecomesTheNextRoundRequest() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "topic-good", LedgerFixtures.RIVERA, 1);
        EventEnvelope<ChoiceMade> choice = LedgerFixtures.event(
                LedgerFixtures.candidate(session.sessionId(), 1, 2, LedgerFixtures.RIVERA));

        send(session.sessionId(), CODEC.encodeBytes(choice));

        InferenceRequested request = waitFor().until(() -> topics.records(Topic.INFERENCE_INTERACTIVE.name(),
                session.studyInstanceUid()), r -> !r.isEmpty()).stream()
                .map(r -> CODEC.<InferenceRequested>decode(text(r), EventType.INFERENCE_REQUESTED).data())
                .findFirst().orElseThrow();
        assertThat(request.requestId()).isEqualTo(SessionIds.continuationRequestId(session.sessionId(), 1));
        assertThat(request.continuation().choiceEventId()).isEqualTo(choice.eventId());
        assertThat(request.continuation().candidateRank()).isEqualTo(2);
        assertThat(ledger.find(session.sessionId()).orElseThrow().choices()).containsOnlyKeys(1);
    }

    @Test
    void unreadableChoicesAreDeadLetteredWithTheirReasonCodes() throws Exception {
        String key = "unreadable-" + UUID.randomUUID();
        EventEnvelope<?> otherType = EventEnvelope.of(EventType.RECORDS_ACCESSED, "/test", key, "corr", LedgerFixtures.T0,
                new org.spagateway.events.RecordsAccessed("choice-api", "READ", "/sessions/x", null, null, "u",
                        "127.0.0.1", 200, null));
        String schemaInvalid = new String(CODEC.encodeBytes(LedgerFixtures.event(
                LedgerFixtures.candidate("spa-x", 1, 1, LedgerFixtures.RIVERA))), StandardCharsets.UTF_8)
                .replace("\"round\":1", "\"round\":0");

        send(key, "{\"specversion\":".getBytes(StandardCharsets.UTF_8));
        send(key, CODEC.encodeBytes(otherType));
        send(key, schemaInvalid.getBytes(StandardCharsets.UTF_8));

        assertThat(deadLetterReasons(key, 3)).containsExactly("MALFORMED_JSON", "UNEXPECTED_TYPE", "SCHEMA_INVALID");
    }

    @Test
    void refusedChoicesAreDeadLetteredWithTheRejectionAsReasonAndChangeNothing() throws Exception {
        SessionRecord session = LedgerFixtures.open(ledger, "topic-refused", LedgerFixtures.RIVERA, 2);
        String key = session.sessionId();

        send(key, CODEC.encodeBytes(LedgerFixtures.event(
                LedgerFixtures.candidate("spa-unknown", 1, 1, LedgerFixtures.RIVERA))));
        send(key, CODEC.encodeBytes(LedgerFixtures.event(
                LedgerFixtures.candidate(session.sessionId(), 1, 1, LedgerFixtures.RIVERA))));
        send(key, CODEC.encodeBytes(LedgerFixtures.event(
                LedgerFixtures.candidate(session.sessionId(), 2, 1, LedgerFixtures.OKAFOR))));
        send(key, CODEC.encodeBytes(LedgerFixtures.event(
                LedgerFixtures.candidate(session.sessionId(), 2, 9, LedgerFixtures.RIVERA))));

        assertThat(deadLetterReasons(key, 4)).containsExactly("UNKNOWN_SESSION", "STALE_ROUND", "CLINICIAN_MISMATCH",
                "CANDIDATE_OUT_OF_RANGE");
        assertThat(ledger.find(session.sessionId()).orElseThrow().choices()).isEmpty();
        assertThat(topics.records(Topic.INFERENCE_INTERACTIVE.name(), session.studyInstanceUid())).isEmpty();
    }

    @Test
    void closingTheRuntimeLeavesNoThreadOfItsOwnRunning() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        // A second instance in the same choice consumer group (committed records are not consumed again), with a
        // webhook route in a group of its own on topics that stay empty here.
        NotificationConfig notifications = NotificationConfig.from(ConfigSource.of(Map.of(
                "spa.notify.webhooks", "ris", "spa.notify.webhook.ris.url", "http://127.0.0.1:9/",
                "spa.notify.webhook.ris.secret", WebhookSignatureTest.SECRET, "spa.notify.allow-http-loopback", "true",
                "spa.notify.consumer-group", "spa-notify-threads")));
        RunningReportingApi second = RunningReportingApi.start(kafka, ledger,
                ChoiceApiConfig.from(ConfigSource.of(Map.of(ChoiceApiConfig.PORT, "0"))), notifications);
        assertThat(started(before)).isNotEmpty();

        second.close();

        waitFor().untilAsserted(() -> assertThat(started(before)).isEmpty());
    }

    /**
     * Live threads that were not there before, by name; except Awaitility's own, and the JDK HttpClient's selector
     * thread: Java 17's HttpClient cannot be closed (close() came in Java 21), its daemon selector thread ends when
     * the client is garbage-collected.
     */
    private static Set<String> started(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .filter(name -> !name.startsWith("awaitility") && !name.matches("HttpClient-\\d+-SelectorManager"))
                .collect(Collectors.toSet());
    }

    private static List<String> deadLetterReasons(String key, int count) {
        List<ConsumerRecord<String, byte[]>> dead = waitFor().until(
                () -> topics.records(Topic.DEAD_LETTER.name(), key), r -> r.size() >= count);
        assertThat(dead).hasSize(count);
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topic.CHOICE_MADE.name());
            assertThat(header(r, DeadLetterHeaders.COMPONENT)).isEqualTo("routes/choice-topic");
        });
        return dead.stream().map(r -> header(r, DeadLetterHeaders.REASON_CODE)).toList();
    }

    /** Every record with the same key lands on one partition, so they are consumed in order. */
    private static void send(String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topic.CHOICE_MADE.name(), key, value)).get();
        }
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
