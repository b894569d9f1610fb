package org.spagateway.dicom.listener;

import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.StudyReceived;

/**
 * Where the listener hands completed study versions (the all-in-one app wires a Kafka producer here). An exception
 * means "not published": the listener keeps the event and retries with backoff, so an implementation must be safe to
 * call again with the same event (consumers deduplicate on the event id). The one exception that is never retried is
 * {@link InvalidEventException}: the event breaks the contract and no retry can change that, so the listener hands it
 * to {@link #deadLetter} and goes on with the next study.
 */
@FunctionalInterface
public interface StudyReceivedSink {

    void publish(EventEnvelope<StudyReceived> event) throws Exception;

    /**
     * Records an event that can never be published, with the reason code of the {@link InvalidEventException} that
     * refused it. An exception means "not recorded" and is retried like {@link #publish}. The default records
     * nothing beyond the listener's own copy ({@code <root>/.outbox/rejected/}).
     */
    default void deadLetter(EventEnvelope<StudyReceived> event, String reasonCode, String detail) throws Exception {
    }
}
