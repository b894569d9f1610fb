package org.spagateway.fhir.adapter;

import java.util.List;
import org.spagateway.events.CandidateSummary;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.ModelReference;
import org.spagateway.events.RecommendedSegment;
import org.spagateway.events.SegmentationReference;
import org.spagateway.test.harness.ExampleEvents;

/** Synthetic CandidatesReady events for the studies of {@link StudyFixtures}. */
final class CandidatesFixtures {

    static final String SEG_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    static final String GOLDEN_EVENT_ID = "3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d";
    static final ModelReference MODEL = new ModelReference("spa-unet-small", "spa-unet-small@0123456789ab");

    private CandidatesFixtures() {
    }

    /** Round 1 of a session on the first image of {@link StudyFixtures#ctChest}: the SEG joins the same study. */
    static CandidatesReady round1(String studyUid, ModelReference model) {
        String seriesUid = studyUid + ".1";
        String sourceUid = seriesUid + ".1";
        InstanceReference source = new InstanceReference(sourceUid, StudyFixtures.CT_IMAGE, "1.2.840.10008.1.2.1",
                "file:///var/lib/spa/dicom/" + studyUid + "/" + sourceUid + ".dcm", 1024L);
        String segSeriesUid = studyUid + ".900";
        String segUid = segSeriesUid + ".1";
        return new CandidatesReady("session-" + studyUid, "req-" + studyUid, 1, studyUid, "ct-lung-nodule", model,
                null, 48,
                new SegmentationReference(studyUid, segSeriesUid, segUid, SEG_STORAGE, "1.2.840.10008.1.2.1",
                        "file:///var/lib/spa/seg/" + segUid + ".dcm", 4321L),
                seriesUid, List.of(source), new RecommendedSegment(1, 300),
                List.of(new CandidateSummary(2, 1, 30, 280, List.of(1.0, 0.8)),
                        new CandidateSummary(3, 2, 18, 350, List.of(0.8, 1.0))), ExampleEvents.PATIENT_PSEUDONYM);
    }

    static EventEnvelope<CandidatesReady> event(String eventId, CandidatesReady ready) {
        return EventEnvelope.withId(eventId, EventType.CANDIDATES_READY, "/spa-gateway/inference-worker/worker-1",
                ready.sessionId(), "corr-" + ready.studyInstanceUid(), StudyFixtures.T0.plusSeconds(40), ready);
    }

    static EventEnvelope<CandidatesReady> goldenEvent() {
        return event(GOLDEN_EVENT_ID, round1(StudyFixtures.GOLDEN_STUDY_UID, MODEL));
    }
}
