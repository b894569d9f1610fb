package org.spagateway.app;

import org.spagateway.dicom.listener.StudyReceivedSink;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.DeadLetter;
import org.spagateway.kafka.support.KafkaEventPublisher;

/**
 * The listener's way onto Kafka: StudyReceived events to {@code spa.study.received} (schema-checked by the
 * publisher, which refuses an event that breaks the contract), and such a refused event, unchanged, to
 * {@code spa.dead-letter} with its reason code, keyed like the event would have been.
 */
final class StudyReceivedKafkaSink implements StudyReceivedSink {

    static final String COMPONENT = "dicom-listener";

    private final KafkaEventPublisher publisher;
    private final EventCodec codec;

    StudyReceivedKafkaSink(KafkaEventPublisher publisher, EventCodec codec) {
        this.publisher = publisher;
        this.codec = codec;
    }

    @Override
    public void publish(EventEnvelope<StudyReceived> event) {
        publisher.publish(Topic.STUDY_RECEIVED, event);
    }

    @Override
    public void deadLetter(EventEnvelope<StudyReceived> event, String reasonCode, String detail) {
        publisher.send(DeadLetter.of(COMPONENT, Topic.STUDY_RECEIVED.name(), reasonCode, detail)
                .record(event.subject(), codec.encodeBytes(event)));
    }
}
