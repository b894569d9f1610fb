package org.spagateway.dicom.listener;

import org.spagateway.events.EventEnvelope;
import org.spagateway.events.StudyReceived;

/**
 * Where the listener hands completed study versions (the all-in-one app wires a Kafka producer here). An exception
 * means "not published": the listener keeps the event and retries with backoff, so an implementation must be safe to
 * call again with the same event (consumers deduplicate on the event id).
 */
@FunctionalInterface
public interface StudyReceivedSink {

    void publish(EventEnvelope<StudyReceived> event) throws Exception;
}
