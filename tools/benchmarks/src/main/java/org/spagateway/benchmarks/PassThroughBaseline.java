package org.spagateway.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.spagateway.events.Topic;

/**
 * The baseline of the profiles benchmark: a plain {@code KafkaConsumer} -> {@code KafkaProducer} copy of the choice
 * log, unchanged, to another topic. At-least-once: offsets committed after the producer's flush; transactional: each
 * poll's records and its offsets in one transaction (what exactly-once Kafka Streams does, minus the decoding, the
 * rule and the stores).
 */
final class PassThroughBaseline {

    private final String bootstrap;
    private final String targetTopic;
    private final boolean transactional;

    PassThroughBaseline(String bootstrap, String targetTopic, boolean transactional) {
        this.bootstrap = bootstrap;
        this.targetTopic = targetTopic;
        this.transactional = transactional;
    }

    /** Copies {@code expected} records with a new consumer group; returns the nanoseconds it took. */
    long copy(int round, int expected) {
        String group = (transactional ? "bench-transactional-" : "bench-plain-") + round;
        Map<String, Object> producerConfig = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        if (transactional) {
            producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group);
        }
        long start = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.GROUP_ID_CONFIG, group,
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                     new ByteArraySerializer())) {
            if (transactional) {
                producer.initTransactions();
            }
            consumer.subscribe(List.of(Topic.CHOICE_APPLIED.name()));
            long copied = 0;
            while (copied < expected) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                if (transactional) {
                    producer.beginTransaction();
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    producer.send(new ProducerRecord<>(targetTopic, record.key(), record.value()));
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = nextOffsets(records);
                if (transactional) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                } else {
                    producer.flush();
                    consumer.commitSync(offsets);
                }
                copied += records.count();
            }
            return System.nanoTime() - start;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }
}
