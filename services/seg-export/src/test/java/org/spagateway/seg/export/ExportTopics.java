package org.spagateway.seg.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionFactory;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.SegmentationExported;
import org.spagateway.events.Topic;
import org.spagateway.test.harness.TopicReader;

/** The export's topics on a test broker: CandidatesReady in, SegmentationExported and dead letters out. */
final class ExportTopics {

    private static final EventCodec CODEC = new EventCodec();

    private final String bootstrapServers;
    private final TopicReader reader;

    ExportTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.reader = new TopicReader(bootstrapServers);
    }

    void publish(EventEnvelope<CandidatesReady> event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topic.CANDIDATES_READY.name(), event.subject(),
                    CODEC.encodeBytes(event))).get();
        }
    }

    /** Waits for exactly {@code count} SegmentationExported of {@code sessionId}. */
    List<EventEnvelope<SegmentationExported>> awaitExported(String sessionId, int count) {
        List<ConsumerRecord<String, byte[]>> records = waitFor().until(
                () -> reader.records(Topic.SEGMENTATION_EXPORTED.name(), sessionId), r -> r.size() >= count);
        assertThat(records).hasSize(count);
        return records.stream().map(r -> CODEC.<SegmentationExported>decode(
                new String(r.value(), StandardCharsets.UTF_8), EventType.SEGMENTATION_EXPORTED)).toList();
    }

    List<ConsumerRecord<String, byte[]>> records(Topic topic, String key) {
        return reader.records(topic.name(), key);
    }

    static ConditionFactory waitFor() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200));
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
