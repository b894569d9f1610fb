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
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.Topic;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.WorkerFixtures;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.study.generator.GeneratedStudy;

/**
 * The worker on a real (embedded) broker while the storage a request needs fails: the request is retried, never
 * dead-lettered, and its round comes out once the storage is back. The worker gives up on an engine failure after two
 * attempts 200 ms apart (the fixture's configuration); a storage failure outlasts that many times over.
 */
class StorageOutageIT {

    private static final EventCodec CODEC = new EventCodec();
    /** Fifteen times what two bounded attempts take with the fixture's 200 ms back-off. */
    private static final Duration OUTAGE = Duration.ofSeconds(3);

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

    private static List<ConsumerRecord<String, byte[]>> seen(String topic) {
        observer.poll(Duration.ofMillis(200)).forEach(SEEN::add);
        return SEEN.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Test
    void aRequestWhoseStorageFailsIsRetriedUntilTheStorageIsBackAndNeverDeadLettered() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(23, data.resolve("study"));
        // The study's folder under the output root is taken by a plain file: every write of the round fails with an
        // IOException, as on a full or read-only volume.
        Path blocked = Files.createDirectories(data.resolve("results")).resolve(study.studyInstanceUid());
        Files.writeString(blocked, "not a folder");
        producer.send(new ProducerRecord<>(Topic.INFERENCE_REQUESTED.name(), study.studyInstanceUid(),
                CODEC.encodeBytes(WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP)))).get();

        await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30)).untilAsserted(() -> {
            assertThat(seen(Topic.DEAD_LETTER.name())).as("dead letters during the outage").isEmpty();
            assertThat(seen(Topic.CANDIDATES_READY.name())).as("rounds during the outage").isEmpty();
        });
        Files.delete(blocked);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(seen(Topic.CANDIDATES_READY.name())).hasSize(1));
        CandidatesReady ready = CODEC.<CandidatesReady>decode(new String(seen(Topic.CANDIDATES_READY.name()).get(0)
                .value(), StandardCharsets.UTF_8), EventType.CANDIDATES_READY).data();
        assertThat(ready.studyInstanceUid()).isEqualTo(study.studyInstanceUid());
        assertThat(seen(Topic.DEAD_LETTER.name())).isEmpty();
    }
}
