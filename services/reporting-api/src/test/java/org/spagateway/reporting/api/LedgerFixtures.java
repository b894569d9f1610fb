package org.spagateway.reporting.api;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChoiceMade;
import org.spagateway.events.ChosenCandidate;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.ModelReference;
import org.spagateway.events.SegmentationReference;
import org.spagateway.sessions.RoundRecord;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionRecord;

/** Sessions written into a real ledger as the inference worker writes them, and the choices made on them. */
final class LedgerFixtures {

    static final Clinician RIVERA = new Clinician("dr-rivera", "urn:oid:2.16.840.1.113883.4.6", "Rivera^Ana^^Dr");
    static final Clinician OKAFOR = new Clinician("dr-okafor", "urn:oid:2.16.840.1.113883.4.6", null);
    static final Instant T0 = Instant.parse("2026-11-27T10:17:04.002Z");
    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.77.1.5.1";
    static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";

    private LedgerFixtures() {
    }

    /** A session with {@code rounds} stored rounds of K=4, started for {@code owner} (null: by routing). */
    static SessionRecord open(SessionLedger ledger, String name, Clinician owner, int rounds) throws IOException {
        String studyUid = "2.25." + Math.abs((long) name.hashCode()) + "1";
        String requestId = "req-" + name;
        InstanceReference source = new InstanceReference(studyUid + ".3.1", SOP_CLASS, "1.2.840.10008.1.2.1",
                "file:///var/lib/spa/dicom/" + name + "/1.dcm", 1000);
        InstanceReference other = new InstanceReference(studyUid + ".3.2", SOP_CLASS, "1.2.840.10008.1.2.1",
                "file:///var/lib/spa/dicom/" + name + "/2.dcm", 1000);
        String sessionId = SessionIds.sessionId(requestId, source.sopInstanceUid());
        SessionRecord session = new SessionRecord(sessionId, requestId, "corr-" + name, studyUid, 1,
                "fundus-optic-cup", "fundus", studyUid + ".2", "OP", List.of(source, other), source,
                new ModelReference("spa-optic-cup", "1.0.0+abc"), owner, null, "/var/lib/spa/seg/" + sessionId, null);
        ledger.open(session);
        for (int round = 1; round <= rounds; round++) {
            addRound(ledger, session, round);
        }
        return session;
    }

    /** A session record with id {@code sessionId}, not stored. */
    static SessionRecord sessionRecord(String sessionId, Clinician owner) {
        InstanceReference source = new InstanceReference("2.25.7.3.1", SOP_CLASS, "1.2.840.10008.1.2.1",
                "file:///var/lib/spa/dicom/1.dcm", 1000);
        return new SessionRecord(sessionId, "req-" + sessionId, "corr-" + sessionId, "2.25.7", 1, "fundus-optic-cup",
                "fundus", "2.25.7.2", "OP", List.of(source), source, new ModelReference("spa-optic-cup", "1.0.0+abc"),
                owner, null, "/var/lib/spa/seg/" + sessionId, null);
    }

    static void addRound(SessionLedger ledger, SessionRecord session, int round) throws IOException {
        String studyUid = session.studyInstanceUid();
        ledger.addRound(session.sessionId(), new RoundRecord(round, "req-" + round, 4,
                new SegmentationReference(studyUid, studyUid + ".9", studyUid + ".9." + round, SEGMENTATION_STORAGE,
                        "1.2.840.10008.1.2.1", "file:///var/lib/spa/seg/" + round + ".dcm", 100),
                SessionIds.candidatesReadyEventId(session.sessionId(), round)));
    }

    static ChoiceMade candidate(String sessionId, int round, int rank, Clinician clinician) {
        return new ChoiceMade(sessionId, round, ChoiceDecision.CANDIDATE, new ChosenCandidate(rank, rank + 1),
                clinician);
    }

    static ChoiceMade decision(String sessionId, int round, ChoiceDecision decision, Clinician clinician) {
        return new ChoiceMade(sessionId, round, decision, null, clinician);
    }

    static EventEnvelope<ChoiceMade> event(ChoiceMade choice) {
        return EventEnvelope.withId(UUID.randomUUID().toString(), EventType.CHOICE_MADE, "/reporting/ris-1",
                choice.sessionId(), "corr-choice", T0, choice);
    }
}
