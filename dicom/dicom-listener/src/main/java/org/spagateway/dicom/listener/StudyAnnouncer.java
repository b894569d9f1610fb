package org.spagateway.dicom.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.StudyReceived;

/**
 * Announces a completed version as a StudyReceived event in the two steps the tracker puts around recording the
 * version in the study's history: {@link #prepare} writes the event to the outbox durably (or throws, and the tracker
 * tries again later), {@link #release} queues it for delivery once the version is recorded. So an event is never
 * delivered, and its outbox file deleted, before its version is recorded; a stop between writing the event and
 * recording the version is repaired at the next start ({@link FileStudyHistory#catchUp}); and a version announced
 * twice carries the same event id ({@link StudyReceivedFactory}). Called under the lock of the study, so for
 * several studies at once.
 */
final class StudyAnnouncer implements StudyCompletenessTracker.Announcer {

    private final StudyReceivedOutbox outbox;
    private final StudyReceivedFactory events;
    private final Clock clock;
    private final Map<CompletedStudy, EventEnvelope<StudyReceived>> prepared =
            Collections.synchronizedMap(new IdentityHashMap<>());

    StudyAnnouncer(StudyReceivedOutbox outbox, StudyReceivedFactory events, Clock clock) {
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void prepare(CompletedStudy completed) {
        EventEnvelope<StudyReceived> event = events.toEvent(completed, clock.instant());
        try {
            outbox.write(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + event.eventId() + " to the outbox", e);
        }
        prepared.put(completed, event);
    }

    @Override
    public void release(CompletedStudy completed) {
        EventEnvelope<StudyReceived> event = prepared.remove(completed);
        if (event != null) {
            outbox.queue(event);
        }
    }

    @Override
    public void abandon(CompletedStudy completed) {
        prepared.remove(completed);
    }
}
