package org.spagateway.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.spagateway.dicom.listener.StudyReceivedSink;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.DeadLetter;
import org.spagateway.kafka.support.DeadLetterCounter;
import org.spagateway.kafka.support.KafkaEventPublisher;

/**
 * The listener's way onto Kafka: StudyReceived events to {@code spa.study.received} (schema-checked by the
 * publisher, which refuses an event that breaks the contract), and such a refused event, unchanged, to
 * {@code spa.dead-letter} with its reason code, keyed like the event would have been. Counts each acknowledged one:
 * {@code spa_studies_received_total} (a study announced again with late instances counts again) and the dead letters.
 */
final class StudyReceivedKafkaSink implements StudyReceivedSink {

    static final String COMPONENT = "dicom-listener";

    private final KafkaEventPublisher publisher;
    static final String STUDIES_RECEIVED = "spa.studies.received";

    private final EventCodec codec;
    private final Counter studiesReceived;
    private final DeadLetterCounter deadLetters;

    StudyReceivedKafkaSink(KafkaEventPublisher publisher, EventCodec codec, MeterRegistry metrics) {
        this.publisher = publisher;
        this.codec = codec;
        this.studiesReceived = Counter.builder(STUDIES_RECEIVED)
                .description("Studies the DICOM listener announced on spa.study.received (each version)")
                .register(metrics);
        this.deadLetters = new DeadLetterCounter(metrics);
    }

    @Override
    public void publish(EventEnvelope<StudyReceived> event) {
        publisher.publish(Topic.STUDY_RECEIVED, event);
        studiesReceived.increment();
    }

    @Override
    public void deadLetter(EventEnvelope<StudyReceived> event, String reasonCode, String detail) {
        DeadLetter letter = DeadLetter.of(COMPONENT, Topic.STUDY_RECEIVED.name(), reasonCode, detail);
        publisher.send(letter.record(event.subject(), codec.encodeBytes(event)));
        deadLetters.published(letter.headers());
    }
}
