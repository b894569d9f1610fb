package org.spagateway.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.Topic;

class EmbeddedKafkaBrokerIT {

    private static final String KEY = "1.2.826.0.1.3680043.8.498.1";
    private static final String VALUE = "{\"probe\":true}";

    @TempDir
    Path dataDir;

    @Test
    void keepsTopicsAndRecordsAcrossARestartAndLeavesNoThreadsBehind() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        EmbeddedKafkaConfig config = new EmbeddedKafkaConfig(dataDir, 0);

        RecordMetadata written;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config)) {
            TopicInitializer topics = TopicInitializer.forBootstrapServers(broker.bootstrapServers());
            assertThat(topics.createMissing(Topic.all()))
                    .containsExactlyInAnyOrderElementsOf(Topic.all().stream().map(Topic::name).toList());
            assertThat(topics.createMissing(Topic.all())).as("second run finds every topic").isEmpty();
            assertThat(retentionMs(broker, Topic.STUDY_NOT_ROUTED.name()))
                    .isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));

            written = produce(broker.bootstrapServers());
            assertThat(readPartition(broker.bootstrapServers(), written)).containsExactly(KEY + "=" + VALUE);
        }

        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(config)) {
            assertThat(TopicInitializer.forBootstrapServers(restarted.bootstrapServers()).createMissing(Topic.all()))
                    .as("topics survived the restart").isEmpty();
            assertThat(readPartition(restarted.bootstrapServers(), written)).containsExactly(KEY + "=" + VALUE);
        }

        // Polled on this thread: Awaitility's own poller thread is non-daemon.
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<String> left = nonDaemonThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                    .toList();
            assertThat(left).as("non-daemon threads left after close").isEmpty();
        });
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && t.getName().toLowerCase().contains("kafka"))
                .map(Thread::getName)).isEmpty();
    }

    @Test
    void refusesRecordsForTopicsThatWereNeverCreated() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(dataDir, 0));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
             KafkaProducer<String, String> producer = producer(broker.bootstrapServers(), 3_000)) {
            var send = producer.send(new ProducerRecord<>("spa.misspelt", KEY, VALUE));
            await().atMost(Duration.ofSeconds(20)).until(send::isDone);
            assertThatThrownBy(send::get).isInstanceOf(ExecutionException.class);
            assertThat(admin.listTopics().names().get()).doesNotContain("spa.misspelt");
        }
    }

    private static RecordMetadata produce(String bootstrapServers) throws Exception {
        try (KafkaProducer<String, String> producer = producer(bootstrapServers, 30_000)) {
            return producer.send(new ProducerRecord<>(Topic.STUDY_RECEIVED.name(), KEY, VALUE)).get();
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers, int maxBlockMs) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(maxBlockMs, 10_000),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(maxBlockMs, 10_000)),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> readPartition(String bootstrapServers, RecordMetadata written) {
        TopicPartition partition = new TopicPartition(written.topic(), written.partition());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.key() + "=" + record.value());
                }
                return !records.isEmpty();
            });
            return records;
        }
    }

    private static String retentionMs(EmbeddedKafkaBroker broker, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            return config.get("retention.ms").value();
        }
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }
}
