package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;

/** The interactive backlog measured on a real broker: records past the workers' committed offsets. */
class KafkaInteractiveBacklogIT {

    private static final String WORKERS = "spa-inference-worker";

    @TempDir
    static Path kafkaData;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(kafkaData, 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void countsTheRequestsTheWorkersHaveNotCommittedAndNothingElse() throws Exception {
        KafkaConfig kafka = KafkaConfig.forBootstrapServers(broker.bootstrapServers());
        try (KafkaInteractiveBacklog backlog = new KafkaInteractiveBacklog(kafka.adminProperties(), WORKERS,
                Clock.systemUTC(), Duration.ZERO);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                     broker.bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            assertThat(backlog.waiting()).hasValue(0);
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(Topic.INFERENCE_INTERACTIVE.name(), 0, "session-1",
                        ("request " + i).getBytes(StandardCharsets.UTF_8))).get();
            }

            assertThat(backlog.waiting()).hasValue(3);

            commit(new TopicPartition(Topic.INFERENCE_INTERACTIVE.name(), 0), 2);
            assertThat(backlog.waiting()).hasValue(1);
        }
    }

    /** Commits {@code offset} for the workers' group, as a worker does once a request's results are acknowledged. */
    private static void commit(TopicPartition partition, long offset) {
        try (KafkaConsumer<String, byte[]> worker = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "group.id", WORKERS), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            worker.assign(List.of(partition));
            worker.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }
}
