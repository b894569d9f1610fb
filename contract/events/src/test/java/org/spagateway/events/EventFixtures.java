package org.spagateway.events;

import java.time.Instant;
import java.util.List;

final class EventFixtures {

    static final String STUDY_UID = "1.2.826.0.1.3680043.8.498.1";
    static final String PSEUDONYM = new PatientPseudonym(new byte[32]).of("HOSP", "PAT-1", STUDY_UID);
    static final Instant T0 = Instant.parse("2026-11-27T10:15:30.123Z");

    private EventFixtures() {
    }

    /** A digest as the listener records it (any 64 lower-case hex digits do for the contract). */
    static final String SHA_256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static InstanceReference instance(int n) {
        return new InstanceReference(STUDY_UID + ".1." + n, "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                "file:///var/lib/spa/dicom/" + STUDY_UID + "/" + n + ".dcm", 1234L, SHA_256);
    }

    static StudyReceived studyReceived() {
        return new StudyReceived(STUDY_UID, 1, "ORTHANC", "SPA_GATEWAY", List.of("CT"), 1, 2, 2,
                CompletionReason.EXPECTED_COUNT, T0, T0.plusSeconds(1),
                List.of(new SeriesReference(STUDY_UID + ".1", "CT", "CHEST", List.of(instance(1), instance(2)), 2)),
                PSEUDONYM);
    }

    static EventEnvelope<StudyReceived> studyReceivedEvent() {
        return EventEnvelope.of(EventType.STUDY_RECEIVED, "/spa-gateway/dicom-listener", STUDY_UID, "corr-1", T0,
                studyReceived());
    }

    static CandidatesReady candidatesReady(Integer profileVersion) {
        return new CandidatesReady("session-7f3a", "req-1", 1, STUDY_UID, "ct-lung-nodule",
                new ModelReference("spa-unet-small", "1.2.0"), profileVersion, 48,
                new SegmentationReference(STUDY_UID, "2.25.11", "2.25.12", "1.2.840.10008.5.1.4.1.1.66.4",
                        "1.2.840.10008.1.2.1", "file:///var/lib/spa/seg/2.25.12.dcm", 4321L),
                STUDY_UID + ".1", List.of(instance(1)), new RecommendedSegment(1, 300),
                List.of(new CandidateSummary(2, 1, 30, 280, List.of(1.0, 0.8)),
                        new CandidateSummary(3, 2, 18, 350, List.of(0.8, 1.0))), PSEUDONYM);
    }
}
