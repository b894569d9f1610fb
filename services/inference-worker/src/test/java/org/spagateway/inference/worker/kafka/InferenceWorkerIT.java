package org.spagateway.inference.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.Topic;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.WorkerFixtures;

/** The worker on a real (embedded) broker: a request in, one SEG and CandidatesReady out, offsets committed. */
class InferenceWorkerIT {

    private static final EventCodec CODEC = new EventCodec();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path data;

    private static EmbeddedKafkaBroker kafka;
    private static WorkerRuntime worker;
    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> observer;
    private static final List<ConsumerRecord<String, byte[]>> SEEN = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBrokerAndWorker() {
        WorkerFixtures.requireModel(WorkerFixtures.fundusModel());
        kafka = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(data.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(kafka.bootstrapServers()).createMissing(Topic.all());
        worker = WorkerRuntime.start(WorkerFixtures.config(
                Map.of(WorkerConfig.FUNDUS_OPTIC_CUP, WorkerFixtures.fundusModel()), data.resolve("results")),
                new SessionLedgerConfig(data.resolve("sessions")),
                KafkaConfig.forBootstrapServers(kafka.bootstrapServers()));
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
        observer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", "observer",
                "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        observer.subscribe(List.of(Topic.CANDIDATES_READY.name(), Topic.DEAD_LETTER.name()));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {observer, producer, worker, kafka}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    private static void poll() {
        observer.poll(Duration.ofMillis(200)).forEach(SEEN::add);
    }

    private static List<ConsumerRecord<String, byte[]>> seen(String topic) {
        return SEEN.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Test
    void aRequestDeliveredTwiceYieldsOneSegAndTheSameEventIdAndCommitsItsOffset() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(21, data.resolve("study"));
        EventEnvelope<InferenceRequested> request = WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP);
        byte[] value = CODEC.encodeBytes(request);
        producer.send(new ProducerRecord<>(Topic.INFERENCE_REQUESTED.name(), study.studyInstanceUid(), value)).get();
        producer.send(new ProducerRecord<>(Topic.INFERENCE_REQUESTED.name(), study.studyInstanceUid(), value)).get();
        producer.send(new ProducerRecord<>(Topic.INFERENCE_REQUESTED.name(), "bad",
                "{".getBytes(StandardCharsets.UTF_8))).get();

        await().atMost(WAIT).untilAsserted(() -> {
            poll();
            assertThat(seen(Topic.CANDIDATES_READY.name())).hasSize(2);
            assertThat(seen(Topic.DEAD_LETTER.name())).hasSize(1);
        });

        List<EventEnvelope<CandidatesReady>> events = seen(Topic.CANDIDATES_READY.name()).stream()
                .map(r -> CODEC.<CandidatesReady>decode(new String(r.value(), StandardCharsets.UTF_8),
                        EventType.CANDIDATES_READY)).toList();
        assertThat(events.get(1).eventId()).isEqualTo(events.get(0).eventId());
        CandidatesReady ready = events.get(0).data();
        Path sessionDirectory = data.resolve("results").resolve(study.studyInstanceUid()).resolve(ready.sessionId());
        try (var files = Files.list(sessionDirectory)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder(ready.segmentation().sopInstanceUid() + ".dcm", "round-1.state.json",
                            "round-1.recommended.png", "prior.json");
        }
        assertThat(new String(seen(Topic.DEAD_LETTER.name()).get(0).headers()
                .lastHeader(DeadLetterHeaders.REASON_CODE).value(), StandardCharsets.UTF_8))
                .isEqualTo("MALFORMED_JSON");

        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers",
                kafka.bootstrapServers()))) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(admin.listConsumerGroupOffsets("spa-inference-worker")
                    .partitionsToOffsetAndMetadata().get().values().stream().mapToLong(o -> o.offset()).sum())
                    .isEqualTo(3));
        }
    }
}
