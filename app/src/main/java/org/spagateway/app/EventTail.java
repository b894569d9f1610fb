package org.spagateway.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaConfig;

/**
 * Reads what is appended to some topics from now on, without a consumer group (assign and seek to the end), so
 * watching the demo never moves any service's offsets.
 */
final class EventTail implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    /** A tail on a PLAINTEXT cluster (the embedded broker). */
    EventTail(String bootstrapServers, List<Topic> topics) {
        this(KafkaConfig.forBootstrapServers(bootstrapServers), topics);
    }

    /** A tail with the client settings, security included, of {@code kafka}. */
    EventTail(KafkaConfig kafka, List<Topic> topics) {
        this.consumer = new KafkaConsumer<>(kafka.withClient("spa-demo", kafka.consumerGroup())
                .consumerProperties("tail"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic.name(), Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Records appended since construction (or the last poll), waiting at most {@code timeout} for some. */
    List<ConsumerRecord<String, String>> poll(Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        consumer.poll(timeout).forEach(records::add);
        return records;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
