package org.spagateway.preference.profiles;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.ProfileUpdated;
import org.spagateway.events.Topic;

/** What the integration tests do on the real broker: publish choices, read what the application committed. */
final class KafkaTestClients {

    private static final EventCodec CODEC = new EventCodec();

    private KafkaTestClients() {
    }

    /**
     * Publishes the events in order, keyed by their subject (the clinician id), as the inference worker does, and
     * waits for every acknowledgement. One request in flight: right after a topic is created, the first batch may be
     * refused (NOT_LEADER_OR_FOLLOWER) while a later one in flight is accepted, after which the idempotent producer
     * retries the first one forever (OUT_OF_ORDER_SEQUENCE_NUMBER), seen here on the embedded broker.
     */
    static void publish(String bootstrapServers, List<EventEnvelope<ChoiceApplied>> events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (EventEnvelope<ChoiceApplied> event : events) {
                sent.add(producer.send(new ProducerRecord<>(Topic.CHOICE_APPLIED.name(), event.subject(),
                        CODEC.encodeBytes(event))));
            }
            for (Future<RecordMetadata> acknowledgement : sent) {
                acknowledgement.get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Every committed ProfileUpdated, partition by partition in offset order (= per clinician in order). */
    static List<EventEnvelope<ProfileUpdated>> committedProfileUpdates(String bootstrapServers) {
        List<EventEnvelope<ProfileUpdated>> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readCommitted(bootstrapServers, Topic.PROFILE_UPDATED.name())) {
            events.add(CODEC.decode(new String(record.value(), StandardCharsets.UTF_8), EventType.PROFILE_UPDATED));
        }
        return events;
    }

    /** The topic's records up to its last stable offset, as a read-committed consumer sees them. */
    static List<ConsumerRecord<String, byte[]>> readCommitted(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollDelay(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            return records;
        }
    }

    /** Waits until the application has committed the whole choice log as it stands now. */
    static void awaitChoiceLogCommitted(String bootstrapServers, String applicationId) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            ChoiceLogProgress progress = new ChoiceLogProgress(admin, applicationId);
            Map<TopicPartition, Long> end = progress.endOffsets();
            await().atMost(Duration.ofSeconds(90)).pollInSameThread().until(() -> progress.remaining(end) == 0);
        }
    }

    static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }
}
