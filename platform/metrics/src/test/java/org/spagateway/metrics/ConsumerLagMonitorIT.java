package org.spagateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** The lag gauge against a real broker: records produced past a group's committed offsets, and nothing else. */
class ConsumerLagMonitorIT {

    private static final String TOPIC = Topic.CHOICE_MADE.name();
    private static final String GROUP = "lag-test";

    @TempDir
    static Path kafkaData;

    private static EmbeddedKafkaBroker broker;
    private static KafkaConfig kafka;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(kafkaData, 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        kafka = KafkaConfig.forBootstrapServers(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theGaugeFollowsTheRecordsPastTheGroupsCommittedOffsets() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ConsumerLagMonitor monitor = ConsumerLagMonitor.start(kafka, Map.of(GROUP, Set.of(TOPIC)),
                Duration.ofMinutes(10), registry)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> gauge(registry) == 0.0);

            produce(5);
            monitor.refresh();
            assertThat(gauge(registry)).isEqualTo(5.0);

            commit(3);
            monitor.refresh();
            assertThat(gauge(registry)).isEqualTo(2.0);
            assertThat(monitor.lag(GROUP, TOPIC)).isEqualTo(2.0);
        }
    }

    @Test
    void aLagTheBrokerCannotTellIsNotANumberNeverZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaConfig nowhere = KafkaConfig.forBootstrapServers("127.0.0.1:1");
        try (ConsumerLagMonitor monitor = ConsumerLagMonitor.start(nowhere, Map.of(GROUP, Set.of(TOPIC)),
                Duration.ofMinutes(10), registry)) {
            monitor.refresh();
            assertThat(gauge(registry)).isNaN();
        }
    }

    private static double gauge(SimpleMeterRegistry registry) {
        return registry.get(ConsumerLagMonitor.METRIC).tags("group", GROUP, "topic", TOPIC).gauge().value();
    }

    private static void produce(int records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties("lag-test",
                Duration.ofSeconds(10)), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "s-1", new byte[] {1})).get();
            }
        }
    }

    /** Commits offset {@code offset} of the key's partition for the group, as a consumer that processed that many. */
    private static void commit(long offset) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("lag-test", GROUP,
                10), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            TopicPartition written = partitions.stream().filter(p -> consumer.position(p) > 0).findFirst()
                    .orElseThrow();
            consumer.commitSync(Map.of(written, new OffsetAndMetadata(offset)));
        }
    }
}
