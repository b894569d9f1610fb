package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.DeadLetter;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.test.harness.TopicReader;

/** The replay command against a real broker holding dead letters of several reasons, components and times. */
class DeadLetterReplayIT {

    private static final Instant DAY_1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant DAY_3 = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir
    static Path kafkaData;

    private static EmbeddedKafkaBroker broker;
    private static TopicReader topics;

    @BeforeAll
    static void startBrokerWithDeadLetters() throws Exception {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(kafkaData, 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        topics = new TopicReader(broker.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            deadLetter(producer, DAY_1, "fhir-adapter/study-received", Topic.STUDY_RECEIVED, "FHIR_REJECTED", "s-1");
            deadLetter(producer, DAY_2, "fhir-adapter/study-received", Topic.STUDY_RECEIVED, "FHIR_REJECTED", "s-2");
            deadLetter(producer, DAY_2, "routes/seg-export", Topic.CANDIDATES_READY, "EXPORT_FAILED", "c-1");
            deadLetter(producer, DAY_3, "inference-worker", Topic.INFERENCE_REQUESTED, "INFERENCE_FAILED", "r-1");
            deadLetter(producer, DAY_3, "routes/choice-topic", Topic.CHOICE_MADE, "PROCESSING_FAILED", "m-1");
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static void deadLetter(KafkaProducer<String, byte[]> producer, Instant at, String component, Topic source,
                                   String reason, String key) throws Exception {
        OutboundRecord record = DeadLetter.of(component, source.name(), reason, "test " + reason)
                .record(key, ("value of " + key).getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(Topic.DEAD_LETTER.name(), null, at.toEpochMilli(),
                record.key(), record.value());
        record.headers().forEach((name, value) -> out.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(out).get();
    }

    @Test
    void replaysTheDeadLettersOfOneReasonInATimeRangeToTheirSourceTopicUnchanged() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = DeadLetterReplay.run(new String[] {"--bootstrap-servers", broker.bootstrapServers(),
                "--reason", "FHIR_REJECTED", "--reason", "EXPORT_FAILED", "--since", "2026-12-02T00:00:00Z",
                "--until", "2026-12-03T00:00:00Z"}, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("5 dead letter(s) read, 2 replayed")
                .doesNotContain("s-2").doesNotContain("value of");
        List<ConsumerRecord<String, byte[]>> studies = topics.readAll(Topic.STUDY_RECEIVED.name());
        assertThat(studies).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("s-2");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("value of s-2");
            assertThat(new String(record.headers().lastHeader(DeadLetterReplay.REPLAYED_FROM).value(),
                    StandardCharsets.UTF_8)).startsWith("spa.dead-letter/");
        });
        assertThat(topics.readAll(Topic.CANDIDATES_READY.name())).extracting(ConsumerRecord::key)
                .containsExactly("c-1");
        assertThat(topics.readAll(Topic.INFERENCE_REQUESTED.name())).isEmpty();
    }

    @Test
    void aDryRunListsWhatItWouldReplayAndPublishesNothing() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = DeadLetterReplay.run(new String[] {"--bootstrap-servers", broker.bootstrapServers(),
                "--component", "inference-worker", "--dry-run"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("INFERENCE_FAILED inference-worker -> spa.inference.requested")
                .contains("1 would be replayed");
        assertThat(topics.readAll(Topic.INFERENCE_REQUESTED.name())).isEmpty();
    }

    @Test
    void aBadTimeOrAnUnknownArgumentIsAUsageError() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        assertThat(DeadLetterReplay.run(new String[] {"--bootstrap-servers", "127.0.0.1:9", "--since", "yesterday"},
                out)).isEqualTo(2);
        assertThat(DeadLetterReplay.run(new String[] {"--bootstrap-servers", "127.0.0.1:9", "--everything"}, out))
                .isEqualTo(2);
        assertThat(DeadLetterReplay.run(new String[] {"--reason", "X"}, out)).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("usage: DeadLetterReplay");
    }
}
