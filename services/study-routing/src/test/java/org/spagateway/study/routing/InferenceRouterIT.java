package org.spagateway.study.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.NotRoutedReason;
import org.spagateway.events.StudyNotRouted;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.CamelServices;
import org.spagateway.kafka.support.KafkaEventPublisher;
import org.spagateway.test.harness.TopicReader;

/** The routes against a real single-node Kafka broker on loopback. */
class InferenceRouterIT {

    @TempDir
    static Path kafkaData;

    private static EmbeddedKafkaBroker broker;
    private static CamelServices routes;
    private static KafkaEventPublisher studies;
    private static TopicReader topics;
    private static final EventCodec CODEC = new EventCodec();

    @BeforeAll
    static void startBrokerAndRoutes() {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(kafkaData, 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        KafkaConfig kafka = KafkaConfig.forBootstrapServers(broker.bootstrapServers());
        routes = start(kafka);
        studies = new KafkaEventPublisher(kafka, "listener", CODEC);
        topics = new TopicReader(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (studies != null) {
            studies.close();
        }
        if (routes != null) {
            routes.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void publishesAStudyReceivedAsExactlyOneRecordKeyedByStudyUid() {
        String studyUid = StudyFixtures.newStudyUid();
        EventEnvelope<StudyReceived> event = StudyFixtures.event(StudyFixtures.ctChest(studyUid));

        publish(event);

        List<ConsumerRecord<String, byte[]>> records = topics.records(Topic.STUDY_RECEIVED.name(), studyUid);
        assertThat(records).singleElement().satisfies(record -> assertThat(
                CODEC.decode(text(record), EventType.STUDY_RECEIVED).eventId()).isEqualTo(event.eventId()));
    }

    @Test
    void routesAChestCtToOneLungNoduleRequestWithItsInstances() {
        String studyUid = StudyFixtures.newStudyUid();
        StudyReceived study = StudyFixtures.ctChest(studyUid);
        EventEnvelope<StudyReceived> event = StudyFixtures.event(study);

        publish(event);

        List<EventEnvelope<InferenceRequested>> requests = awaitEvents(Topic.INFERENCE_REQUESTED, studyUid, 1,
                EventType.INFERENCE_REQUESTED);
        InferenceRequested request = requests.get(0).data();
        assertThat(request.task()).isEqualTo("ct-lung-nodule");
        assertThat(request.ruleName()).isEqualTo("ct-chest");
        assertThat(request.studyInstanceUid()).isEqualTo(studyUid);
        assertThat(request.instances()).isEqualTo(study.series().get(0).instances());
        assertThat(requests.get(0).correlationId()).isEqualTo(event.correlationId());
        assertThat(topics.records(Topic.STUDY_NOT_ROUTED.name(), studyUid)).isEmpty();
    }

    @Test
    void reportsAnMrStudyAsNotRoutedForLackOfAMatchingRule() {
        String studyUid = StudyFixtures.newStudyUid();
        publish(StudyFixtures.event(StudyFixtures.study(studyUid,
                StudyFixtures.series(studyUid, 1, "MR", "BRAIN", StudyFixtures.MR_IMAGE, 2))));

        StudyNotRouted notRouted = InferenceRouterIT.<StudyNotRouted>awaitEvents(Topic.STUDY_NOT_ROUTED, studyUid, 1, EventType.STUDY_NOT_ROUTED)
                .get(0).data();

        assertThat(notRouted.reasonCode()).isEqualTo(NotRoutedReason.NO_MATCHING_RULE);
        assertThat(notRouted.reason()).contains("MR");
        assertThat(topics.records(Topic.INFERENCE_REQUESTED.name(), studyUid)).isEmpty();
    }

    @Test
    void neverRoutesASegmentationOnlyStudy() {
        String studyUid = StudyFixtures.newStudyUid();
        publish(StudyFixtures.event(StudyFixtures.study(studyUid,
                StudyFixtures.series(studyUid, 1, "SEG", "CHEST", StudyFixtures.SEGMENTATION, 1))));

        StudyNotRouted notRouted = InferenceRouterIT.<StudyNotRouted>awaitEvents(Topic.STUDY_NOT_ROUTED, studyUid, 1, EventType.STUDY_NOT_ROUTED)
                .get(0).data();

        assertThat(notRouted.reasonCode()).isEqualTo(NotRoutedReason.DERIVED_OBJECT);
        assertThat(topics.records(Topic.INFERENCE_REQUESTED.name(), studyUid)).isEmpty();
    }

    @Test
    void deadLettersAMalformedRecordWithItsReasonCodeAndKeepsConsuming() throws Exception {
        String key = "malformed-" + StudyFixtures.newStudyUid();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topic.STUDY_RECEIVED.name(), key, "{\"truncated\": ")).get();
        }

        ConsumerRecord<String, byte[]> dead = waitFor().until(
                () -> topics.records(Topic.DEAD_LETTER.name(), key), r -> r.size() == 1).get(0);

        assertThat(text(dead)).isEqualTo("{\"truncated\": ");
        assertThat(header(dead, DeadLetterHeaders.REASON_CODE)).isEqualTo("MALFORMED_JSON");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topic.STUDY_RECEIVED.name());
        assertThat(header(dead, DeadLetterHeaders.COMPONENT)).isEqualTo("routes/inference-router");
        assertThat(header(dead, DeadLetterHeaders.REASON)).isNotBlank();

        String next = StudyFixtures.newStudyUid();
        publish(StudyFixtures.event(StudyFixtures.ctChest(next)));
        awaitEvents(Topic.INFERENCE_REQUESTED, next, 1, EventType.INFERENCE_REQUESTED);
    }

    @Test
    void givesARedeliveredStudyReceivedTheSameRequestAndEventIds() {
        String studyUid = StudyFixtures.newStudyUid();
        EventEnvelope<StudyReceived> event = StudyFixtures.event(StudyFixtures.ctChest(studyUid));

        publish(event);
        publish(event);

        List<EventEnvelope<InferenceRequested>> requests = awaitEvents(Topic.INFERENCE_REQUESTED, studyUid, 2,
                EventType.INFERENCE_REQUESTED);
        assertThat(requests).extracting(e -> e.data().requestId()).containsOnly(requests.get(0).data().requestId());
        assertThat(requests).extracting(EventEnvelope::eventId).containsOnly(requests.get(0).eventId());
    }

    @Test
    void stopsWithoutLeavingThreadsBehind() {
        Set<Thread> before = nonDaemonThreads();
        KafkaConfig config = new KafkaConfig(broker.bootstrapServers(), "spa-routes-lifecycle",
                "spa-routes-lifecycle", Duration.ofSeconds(10), Map.of());

        long started = System.nanoTime();
        start(config).close();
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMs).as("start and stop, ms").isLessThan(10_000);
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(nonDaemonThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                        .collect(Collectors.toList())).isEmpty());
    }

    private static CamelServices start(KafkaConfig kafka) {
        return CamelServices.start("spa-routes", kafka,
                List.of(new StudyRouting(StudyFixtures.defaultRules(), CODEC, Clock.systemUTC())));
    }

    /** What the DICOM listener's sink does with a completed study version. */
    private static void publish(EventEnvelope<StudyReceived> event) {
        studies.publish(Topic.STUDY_RECEIVED, event);
    }

    private static <T> List<EventEnvelope<T>> awaitEvents(Topic topic, String key, int count, EventType type) {
        List<ConsumerRecord<String, byte[]>> records = waitFor().until(
                () -> topics.records(topic.name(), key), r -> r.size() >= count);
        assertThat(records).as("records on %s for %s", topic.name(), key).hasSize(count);
        return records.stream().<EventEnvelope<T>>map(r -> CODEC.decode(text(r), type)).toList();
    }

    private static ConditionFactory waitFor() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250));
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }
}
