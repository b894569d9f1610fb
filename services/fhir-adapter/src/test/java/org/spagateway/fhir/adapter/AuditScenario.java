package org.spagateway.fhir.adapter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.ExportOutcome;
import org.spagateway.events.Topic;

/**
 * The event stream the audit-query tests drive through the adapter: two studies, three sessions. Dr Rivera's full
 * session on study Y in October 2026 (round 1, candidate rank 2 chosen, round 2, recommendation approved, final SEG,
 * the three SEGs exported, her read of the session and an auditor's query); Dr Okafor's round-1 choice on the same
 * study Y; Dr Rivera's round-1 choice on study Z in September. The last two are what the queries must leave out.
 */
final class AuditScenario {

    static final String STUDY_Y = "2.25.310000000000000000000000000000001";
    static final String STUDY_Z = "2.25.310000000000000000000000000000002";
    static final Clinician DR_RIVERA = SessionFixtures.DR_RIVERA;
    static final Clinician DR_OKAFOR = new Clinician("dr-okafor", "urn:oid:2.16.840.1.113883.4.6", "Okafor^Chidi");
    static final LocalDate OCTOBER = LocalDate.of(2026, 10, 1);
    static final LocalDate NOVEMBER = LocalDate.of(2026, 11, 1);
    static final String AUDITOR = "audit-officer";

    final SessionFixtures rivera = new SessionFixtures(STUDY_Y, "spa-rivera-y", DR_RIVERA, CandidatesFixtures.MODEL,
            Instant.parse("2026-10-14T09:00:00Z"), 1);
    final SessionFixtures okafor = new SessionFixtures(STUDY_Y, "spa-okafor-y", DR_OKAFOR, CandidatesFixtures.MODEL,
            Instant.parse("2026-10-20T09:00:00Z"), 2);
    final SessionFixtures riveraOnZ = new SessionFixtures(STUDY_Z, "spa-rivera-z", DR_RIVERA,
            CandidatesFixtures.MODEL, Instant.parse("2026-09-28T09:00:00Z"), 1);

    /** An event and the topic it is published on. */
    record Published(Topic topic, EventEnvelope<?> event) {
    }

    /** Every event of the scenario in the order the services would publish them. */
    List<Published> events() {
        List<Published> events = new ArrayList<>();
        events.add(new Published(Topic.STUDY_RECEIVED, StudyFixtures.event("evt-study-" + STUDY_Y,
                StudyFixtures.ctChest(STUDY_Y, 2))));
        events.add(new Published(Topic.STUDY_RECEIVED, StudyFixtures.event("evt-study-" + STUDY_Z,
                StudyFixtures.ctChest(STUDY_Z, 2))));
        events.add(new Published(Topic.CANDIDATES_READY, rivera.candidates(1)));
        events.add(new Published(Topic.SEGMENTATION_EXPORTED, rivera.exported(rivera.seg(1), 1,
                ExportOutcome.STORED)));
        events.add(new Published(Topic.AUDIT_ACCESS, rivera.read(DR_RIVERA.id(), 70)));
        events.add(new Published(Topic.CHOICE_APPLIED, rivera.choiceCandidate(1, 2)));
        events.add(new Published(Topic.CANDIDATES_READY, rivera.candidates(2)));
        events.add(new Published(Topic.SEGMENTATION_EXPORTED, rivera.exported(rivera.seg(2), 2,
                ExportOutcome.STORED)));
        events.add(new Published(Topic.CHOICE_APPLIED, rivera.choiceApprove(2)));
        events.add(new Published(Topic.SESSION_APPROVED, rivera.approved(2)));
        events.add(new Published(Topic.SEGMENTATION_EXPORTED, rivera.exported(rivera.finalSeg(), 2,
                ExportOutcome.STORED_WITH_WARNING)));
        events.add(new Published(Topic.AUDIT_ACCESS, rivera.query(AUDITOR, 600)));
        events.add(new Published(Topic.CANDIDATES_READY, okafor.candidates(1)));
        events.add(new Published(Topic.CHOICE_APPLIED, okafor.choiceCandidate(1, 1)));
        events.add(new Published(Topic.CANDIDATES_READY, riveraOnZ.candidates(1)));
        events.add(new Published(Topic.CHOICE_APPLIED, riveraOnZ.choiceCandidate(1, 1)));
        return events;
    }

    /** Resources the scenario stores, by type: what "exactly once" is checked against. */
    static final int IMAGING_STUDIES = 2;
    static final int DEVICES = 1;
    static final int PRACTITIONERS = 2;
    /** Rivera on Y: 2 candidate sets, 2 choices, 1 approval; Okafor on Y and Rivera on Z: 1 set and 1 choice each. */
    static final int PROVENANCES = 9;
    /** 2 imports; Rivera on Y: 2 choices received, 3 exports, 1 read, 1 query; Okafor and Rivera on Z: 1 choice each. */
    static final int AUDIT_EVENTS = 11;
}
