package org.spagateway.kafka.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.Topic;

/**
 * Publishes events to Kafka with the reliable producer of {@link KafkaConfig#producerProperties}: each event is
 * checked against its published JSON Schema first (an event that breaks the contract is refused here rather than
 * dead-lettered by every consumer), keyed by its {@code subject} (a study's versions, a session's rounds, a
 * clinician's profile land on one partition, in order), and {@link #publish} returns only once all in-sync replicas
 * have acknowledged it. Safe to use from several threads.
 */
public final class KafkaEventPublisher implements EventPublisher, AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec;
    private final Duration sendTimeout;

    /** @param clientIdSuffix appended to the configured client id prefix, e.g. {@code listener} */
    public KafkaEventPublisher(KafkaConfig kafka, String clientIdSuffix, EventCodec codec) {
        this.producer = new KafkaProducer<>(kafka.producerProperties(clientIdSuffix, kafka.sendTimeout()),
                new StringSerializer(), new ByteArraySerializer());
        this.codec = codec;
        this.sendTimeout = kafka.sendTimeout();
    }

    @Override
    public void publish(Topic topic, EventEnvelope<?> event) {
        EventType type = EventType.fromTypeName(event.type()).orElseThrow(() -> new InvalidEventException(
                InvalidEventException.Reason.UNEXPECTED_TYPE, "unknown event type " + event.type()));
        if (event.subject() == null || event.subject().isBlank()) {
            throw new InvalidEventException(InvalidEventException.Reason.SCHEMA_INVALID,
                    "an event needs a subject, its Kafka key");
        }
        String json = codec.encode(event);
        Set<String> problems = codec.validate(json, type);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(InvalidEventException.Reason.SCHEMA_INVALID,
                    String.join("; ", new TreeSet<>(problems)));
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), event.subject(),
                json.getBytes(StandardCharsets.UTF_8));
        record.headers().add(TraceParent.HEADER, TraceParent.of(event).getBytes(StandardCharsets.UTF_8));
        send(record, "event " + event.eventId() + " on " + topic.name());
    }

    /**
     * Sends a record as it is, headers included (e.g. a {@link DeadLetter}'s), and returns once all in-sync replicas
     * have acknowledged it.
     *
     * @throws EventPublishException when Kafka did not acknowledge it (retriable)
     */
    public void send(OutboundRecord outbound) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(outbound.topic(), outbound.key(),
                outbound.value());
        outbound.headers().forEach((name, value) -> record.headers().add(name,
                value.getBytes(StandardCharsets.UTF_8)));
        send(record, "a record on " + outbound.topic());
    }

    private void send(ProducerRecord<String, byte[]> record, String what) {
        try {
            // The producer bounds the send by delivery.timeout.ms; the margin covers the hand-over to the caller.
            producer.send(record).get(sendTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new EventPublishException("Kafka did not acknowledge " + what, e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new EventPublishException("Kafka did not acknowledge " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException("interrupted while publishing " + what, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
