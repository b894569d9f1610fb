package org.spagateway.test.harness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.spagateway.events.CandidateSummary;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.ModelReference;
import org.spagateway.events.RecommendedSegment;
import org.spagateway.events.SegmentationReference;
import org.spagateway.events.SessionApproved;

/** CandidatesReady and SessionApproved events as the inference worker publishes them, for tests of their consumers. */
public final class ExampleEvents {

    /** The patient pseudonym the example events carry (64 hex digits, as the listener makes them). */
    public static final String PATIENT_PSEUDONYM = "5f2b8c1d9e0a47b3c6d2e8f1a4b7c0d3e6f9a2b5c8d1e4f7a0b3c6d9e2f5a8b1";

    public static final Instant T0 = Instant.parse("2026-11-27T10:15:33.021Z");
    public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";

    private ExampleEvents() {
    }

    public static CandidatesReady candidatesReady(String sessionId, String studyUid, String seriesUid, String sopInstanceUid,
                                           Path segFile, long sizeBytes, InstanceReference source) {
        List<CandidateSummary> candidates = new ArrayList<>();
        double[][] dice = {{1.0, 0.9, 0.8, 0.7}, {0.9, 1.0, 0.85, 0.75}, {0.8, 0.85, 1.0, 0.9}, {0.7, 0.75, 0.9, 1.0}};
        int[] represented = {20, 14, 9, 5};
        for (int rank = 1; rank <= 4; rank++) {
            List<Double> row = new ArrayList<>();
            for (double d : dice[rank - 1]) {
                row.add(d);
            }
            candidates.add(new CandidateSummary(rank + 1, rank, represented[rank - 1], 100L * rank, row));
        }
        return new CandidatesReady(sessionId, "req-" + sessionId, 1, studyUid, "ct-lung-nodule",
                new ModelReference("spa-unet-small", "1.2.0"), null, 48,
                new SegmentationReference(studyUid, seriesUid, sopInstanceUid, SEGMENTATION_STORAGE,
                        "1.2.840.10008.1.2.1", segFile.toUri().toString(), sizeBytes),
                source.sopInstanceUid().substring(0, source.sopInstanceUid().lastIndexOf('.')), List.of(source),
                new RecommendedSegment(1, 250), candidates, PATIENT_PSEUDONYM);
    }

    public static EventEnvelope<CandidatesReady> event(CandidatesReady ready) {
        return EventEnvelope.of(EventType.CANDIDATES_READY, "/spa-gateway/inference-worker", ready.sessionId(),
                "corr-" + ready.sessionId(), T0, ready);
    }

    /** The SessionApproved of {@code sessionId}, whose final SEG is {@code segFile}, approving {@code round}. */
    public static SessionApproved sessionApproved(String sessionId, int round, String studyUid, String seriesUid,
                                           String sopInstanceUid, Path segFile, long sizeBytes,
                                           InstanceReference source) {
        return new SessionApproved(sessionId, "req-" + sessionId, round, studyUid, "ct-lung-nodule",
                new ModelReference("spa-unet-small", "1.2.0"),
                new Clinician("dr-rivera", "urn:oid:2.16.840.1.113883.4.6", "Rivera^Ana^^Dr"),
                "choice-" + sessionId,
                new SegmentationReference(studyUid, seriesUid, sopInstanceUid, SEGMENTATION_STORAGE,
                        "1.2.840.10008.1.2.1", segFile.toUri().toString(), sizeBytes),
                source.sopInstanceUid().substring(0, source.sopInstanceUid().lastIndexOf('.')), List.of(source), 250,
                PATIENT_PSEUDONYM);
    }

    public static EventEnvelope<SessionApproved> approvedEvent(SessionApproved approved) {
        return EventEnvelope.of(EventType.SESSION_APPROVED, "/spa-gateway/inference-worker", approved.sessionId(),
                "corr-" + approved.sessionId(), T0, approved);
    }

    public static byte[] bytes(EventEnvelope<?> event) {
        return new EventCodec().encode(event).getBytes(StandardCharsets.UTF_8);
    }
}
