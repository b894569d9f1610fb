package org.spagateway.fhir.adapter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.spagateway.events.CompletionReason;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.SeriesReference;
import org.spagateway.events.StudyReceived;
import org.spagateway.test.harness.ExampleEvents;

/** Synthetic studies (UIDs under the 2.25 root, no patient data). */
final class StudyFixtures {

    static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final Instant T0 = Instant.parse("2026-11-27T10:15:30Z");
    static final String GOLDEN_STUDY_UID = "2.25.1234567890123456789";
    static final String GOLDEN_EVENT_ID = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f";
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private StudyFixtures() {
    }

    static String newStudyUid() {
        return "2.25." + NEXT.incrementAndGet() + "7";
    }

    static StudyReceived ctChest(String studyUid, int instances) {
        String seriesUid = studyUid + ".1";
        List<InstanceReference> refs = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            String sopInstanceUid = seriesUid + "." + i;
            refs.add(new InstanceReference(sopInstanceUid, CT_IMAGE, "1.2.840.10008.1.2.1",
                    "file:///var/lib/spa/dicom/" + studyUid + "/" + sopInstanceUid + ".dcm", 1024L));
        }
        SeriesReference series = new SeriesReference(seriesUid, "CT", "CHEST", refs, refs.size());
        return new StudyReceived(studyUid, 1, "ORTHANC", "SPA_GATEWAY", List.of("CT"), 1, instances, instances,
                CompletionReason.QUIET_PERIOD, T0, T0.plusSeconds(2), List.of(series), ExampleEvents.PATIENT_PSEUDONYM);
    }

    static EventEnvelope<StudyReceived> event(String eventId, StudyReceived study) {
        return EventEnvelope.withId(eventId, EventType.STUDY_RECEIVED, "/spa-gateway/dicom-listener/SPA_GATEWAY",
                study.studyInstanceUid(), "corr-" + study.studyInstanceUid(), T0, study);
    }

    static EventEnvelope<StudyReceived> goldenEvent() {
        return event(GOLDEN_EVENT_ID, ctChest(GOLDEN_STUDY_UID, 2));
    }
}
