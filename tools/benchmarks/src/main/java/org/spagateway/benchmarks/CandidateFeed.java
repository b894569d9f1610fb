package org.spagateway.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.Topic;

/**
 * Every CandidatesReady from the start of the topic, without a consumer group, across restarts of the broker: the
 * position is kept here, and a poll while the broker is down returns nothing.
 */
final class CandidateFeed implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec;
    private boolean assigned;

    CandidateFeed(String bootstrapServers, EventCodec codec) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "spa-crash-test"), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.codec = codec;
    }

    List<CandidatesReady> poll(Duration timeout) {
        List<CandidatesReady> ready = new ArrayList<>();
        try {
            if (!assigned) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topic.CANDIDATES_READY.name(),
                        Duration.ofSeconds(5)).stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                assigned = true;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
                ready.add(codec.<CandidatesReady>decode(new String(record.value(), StandardCharsets.UTF_8),
                        EventType.CANDIDATES_READY).data());
            }
        } catch (KafkaException e) {
            // The broker is down with the gateway: nothing now, the position is kept.
        }
        return ready;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
