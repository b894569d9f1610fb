package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.test.harness.ExampleEvents;
import org.spagateway.test.harness.TopicReader;

/** The one way every service publishes an event, against a real single-node broker on loopback. */
class KafkaEventPublisherIT {

    private static final EventCodec CODEC = new EventCodec();

    @TempDir
    static Path kafkaData;

    private static EmbeddedKafkaBroker broker;
    private static KafkaEventPublisher publisher;
    private static TopicReader topics;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(kafkaData, 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        publisher = new KafkaEventPublisher(KafkaConfig.forBootstrapServers(broker.bootstrapServers()), "test", CODEC);
        topics = new TopicReader(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (publisher != null) {
            publisher.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void publishesAnEventToItsTopicKeyedByItsSubjectBeforeReturning() {
        EventEnvelope<CandidatesReady> event = candidatesReady("publish-once", "2.25.401");

        publisher.publish(Topic.CANDIDATES_READY, event);

        assertThat(topics.records(Topic.CANDIDATES_READY.name(), "publish-once")).singleElement()
                .satisfies(record -> assertThat(decode(record).eventId()).isEqualTo(event.eventId()));
    }

    @Test
    void refusesAnEventThatBreaksItsSchemaWithoutSendingIt() {
        EventEnvelope<CandidatesReady> event = candidatesReady("publish-invalid", "2.25.0401");

        assertThatThrownBy(() -> publisher.publish(Topic.CANDIDATES_READY, event))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.reason())
                        .isEqualTo(InvalidEventException.Reason.SCHEMA_INVALID));
        assertThat(topics.records(Topic.CANDIDATES_READY.name(), "publish-invalid")).isEmpty();
    }

    @Test
    void reportsAPublishKafkaNeverAcknowledgedToTheCaller() {
        KafkaConfig unreachable = new KafkaConfig("127.0.0.1:1", "spa-unreachable", "spa-unreachable",
                Duration.ofSeconds(2), Map.of());
        EventEnvelope<CandidatesReady> event = candidatesReady("publish-unreachable", "2.25.402");
        try (KafkaEventPublisher nowhere = new KafkaEventPublisher(unreachable, "test", CODEC)) {
            assertThatThrownBy(() -> nowhere.publish(Topic.CANDIDATES_READY, event))
                    .isInstanceOf(EventPublishException.class)
                    .hasMessageContaining(event.eventId());
        }
    }

    private static EventEnvelope<CandidatesReady> candidatesReady(String sessionId, String studyUid) {
        InstanceReference source = new InstanceReference(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2",
                "1.2.840.10008.1.2.1", "file:///var/lib/spa/dicom/" + studyUid + ".1.1.dcm", 1024L);
        return ExampleEvents.event(ExampleEvents.candidatesReady(sessionId, studyUid, studyUid + ".9",
                studyUid + ".9.1", Path.of("/var/lib/spa/seg/" + sessionId + ".dcm"), 100, source));
    }

    private static EventEnvelope<CandidatesReady> decode(ConsumerRecord<String, byte[]> record) {
        return CODEC.decode(new String(record.value(), StandardCharsets.UTF_8), EventType.CANDIDATES_READY);
    }
}
