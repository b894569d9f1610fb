package org.spagateway.fhir.adapter;

import java.time.Instant;
import java.util.List;
import org.spagateway.events.CandidateSummary;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChosenCandidate;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.ExportOutcome;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.ModelReference;
import org.spagateway.events.RecommendedSegment;
import org.spagateway.events.RecordsAccessed;
import org.spagateway.events.SegmentationExported;
import org.spagateway.events.SegmentationReference;
import org.spagateway.events.SessionApproved;
import org.spagateway.test.harness.ExampleEvents;

/**
 * One SPA session on a synthetic study (UIDs under 2.25, no patient data): round 1, a candidate chosen, round 2, its
 * recommendation approved, the final SEG, exports and a read of the session through the choice API. Event ids are
 * derived from the session so that publishing the same fixture twice is a redelivery.
 *
 * @param studyUid  the source study
 * @param sessionId the session
 * @param clinician who chose and approved
 * @param model     the model of both rounds
 * @param t0        when the session started; later events follow at fixed offsets
 * @param ordinal   the session's number on its study, 0-9: keeps the SEG UIDs of two sessions on one study apart
 */
record SessionFixtures(String studyUid, String sessionId, Clinician clinician, ModelReference model, Instant t0,
                       int ordinal) {

    static final String WORKER = "/spa-gateway/inference-worker";
    static final String EXPORT_ROUTE = "/spa-gateway/routes/seg-export";
    static final String CHOICE_API = "/spa-gateway/choice-api";
    static final Clinician DR_RIVERA = new Clinician("dr-rivera", "urn:oid:2.16.840.1.113883.4.6", "Rivera^Ana^^Dr");
    static final String GOLDEN_STUDY_UID = StudyFixtures.GOLDEN_STUDY_UID;

    static SessionFixtures golden() {
        return new SessionFixtures(GOLDEN_STUDY_UID, "spa-golden-session", DR_RIVERA, CandidatesFixtures.MODEL,
                StudyFixtures.T0, 0);
    }

    String correlationId() {
        return "corr-" + studyUid;
    }

    String segSeriesUid() {
        return studyUid + ".9" + ordinal + "0";
    }

    String segUid(int round) {
        return segSeriesUid() + "." + round;
    }

    String finalSegUid() {
        return studyUid + ".9" + ordinal + "1.1";
    }

    InstanceReference source() {
        String sourceUid = studyUid + ".1.1";
        return new InstanceReference(sourceUid, StudyFixtures.CT_IMAGE, "1.2.840.10008.1.2.1",
                "file:///var/lib/spa/dicom/" + studyUid + "/" + sourceUid + ".dcm", 1024L);
    }

    SegmentationReference seg(int round) {
        return new SegmentationReference(studyUid, segSeriesUid(), segUid(round), CandidatesFixtures.SEG_STORAGE,
                "1.2.840.10008.1.2.1", "file:///var/lib/spa/seg/" + segUid(round) + ".dcm", 4321L);
    }

    SegmentationReference finalSeg() {
        return new SegmentationReference(studyUid, studyUid + ".9" + ordinal + "1", finalSegUid(), CandidatesFixtures.SEG_STORAGE,
                "1.2.840.10008.1.2.1", "file:///var/lib/spa/seg/" + finalSegUid() + ".dcm", 1234L);
    }

    EventEnvelope<CandidatesReady> candidates(int round) {
        CandidatesReady ready = new CandidatesReady(sessionId, "req-" + sessionId, round, studyUid, "ct-lung-nodule",
                model, round == 1 ? null : round - 1, 48, seg(round), studyUid + ".1", List.of(source()),
                new RecommendedSegment(1, 300),
                List.of(new CandidateSummary(2, 1, 30, 280, List.of(1.0, 0.8)),
                        new CandidateSummary(3, 2, 18, 350, List.of(0.8, 1.0))), ExampleEvents.PATIENT_PSEUDONYM);
        return EventEnvelope.withId(id("candidates", round), EventType.CANDIDATES_READY, WORKER, sessionId,
                correlationId(), t0.plusSeconds(60L * round), ready);
    }

    /** Round 1: the candidate of rank 2 (segment 3) is chosen. */
    EventEnvelope<ChoiceApplied> choiceCandidate(int round, int rank) {
        ChoiceApplied choice = new ChoiceApplied("choice-made-" + sessionId + "-" + round, sessionId,
                "req-" + sessionId, round, ChoiceDecision.CANDIDATE, new ChosenCandidate(rank, rank + 1), clinician,
                studyUid, "ct-lung-nodule", model, seg(round), List.of(0.7, 0.3), round + 1, null, ExampleEvents.PATIENT_PSEUDONYM);
        return EventEnvelope.withId(id("choice", round), EventType.CHOICE_APPLIED, WORKER, clinician.id(),
                correlationId(), t0.plusSeconds(60L * round + 30), choice);
    }

    /** The round's recommendation is approved. */
    EventEnvelope<ChoiceApplied> choiceApprove(int round) {
        ChoiceApplied choice = new ChoiceApplied("choice-made-" + sessionId + "-" + round, sessionId,
                "req-" + sessionId, round, ChoiceDecision.APPROVE, null, clinician, studyUid, "ct-lung-nodule", model,
                seg(round), List.of(0.6, 0.4), null, finalSeg(), ExampleEvents.PATIENT_PSEUDONYM);
        return EventEnvelope.withId(id("choice", round), EventType.CHOICE_APPLIED, WORKER, clinician.id(),
                correlationId(), t0.plusSeconds(60L * round + 30), choice);
    }

    EventEnvelope<SessionApproved> approved(int round) {
        SessionApproved approved = new SessionApproved(sessionId, "req-" + sessionId, round, studyUid,
                "ct-lung-nodule", model, clinician, "choice-made-" + sessionId + "-" + round, finalSeg(),
                studyUid + ".1", List.of(source()), 290, ExampleEvents.PATIENT_PSEUDONYM);
        return EventEnvelope.withId(id("approved", round), EventType.SESSION_APPROVED, WORKER, sessionId,
                correlationId(), t0.plusSeconds(60L * round + 31), approved);
    }

    EventEnvelope<SegmentationExported> exported(SegmentationReference seg, int round, ExportOutcome outcome) {
        SegmentationExported exported = new SegmentationExported(sessionId, "req-" + sessionId, round, studyUid,
                seg.seriesInstanceUid(), seg.sopInstanceUid(), seg.sopClassUid(), "pacs", "ORTHANC", "SPA_GATEWAY",
                1, outcome, outcome == ExportOutcome.STORED ? 0 : 0xB000, ExampleEvents.PATIENT_PSEUDONYM);
        return EventEnvelope.withId(id("exported-" + seg.sopInstanceUid(), round), EventType.SEGMENTATION_EXPORTED,
                EXPORT_ROUTE, sessionId, correlationId(), t0.plusSeconds(60L * round + 5), exported);
    }

    EventEnvelope<RecordsAccessed> read(String user, int secondsAfterStart) {
        RecordsAccessed access = new RecordsAccessed("choice-api", "READ", "/sessions/" + sessionId, sessionId,
                studyUid, user, "127.0.0.1", 200, ExampleEvents.PATIENT_PSEUDONYM);
        return EventEnvelope.withId(id("read-" + user, secondsAfterStart), EventType.RECORDS_ACCESSED, CHOICE_API,
                sessionId, correlationId(), t0.plusSeconds(secondsAfterStart), access);
    }

    EventEnvelope<RecordsAccessed> query(String user, int secondsAfterStart) {
        RecordsAccessed access = new RecordsAccessed("choice-api", "QUERY", "/sessions", null, studyUid, user,
                "127.0.0.2", 200, null);
        return EventEnvelope.withId(id("query-" + user, secondsAfterStart), EventType.RECORDS_ACCESSED, CHOICE_API,
                sessionId, correlationId(), t0.plusSeconds(secondsAfterStart), access);
    }

    private String id(String kind, int round) {
        return "evt-" + kind + "-" + sessionId + "-" + round;
    }
}
