package org.spagateway.routes;

import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.StudyReceived;

/** Publishes the DICOM listener's study events to Kafka; returns only once Kafka has acknowledged the record. */
public interface StudyReceivedPublisher {

    /**
     * @throws InvalidEventException  the event breaks its schema: permanent, retrying cannot help
     * @throws EventPublishException  Kafka did not acknowledge in time: retriable
     */
    void publish(EventEnvelope<StudyReceived> event);
}
