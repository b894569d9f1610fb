package org.spagateway.sessions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChoiceMade;
import org.spagateway.events.ChosenCandidate;
import org.spagateway.events.Clinician;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.ModelReference;
import org.spagateway.events.SegmentationReference;

final class SessionFixtures {
    static final String SESSION = "spa-6f1c0e2a-9b8d-3c4e-a5f6-0b1c2d3e4f50";
    static final Clinician RIVERA = new Clinician("dr-rivera", "urn:oid:2.16.840.1.113883.4.6", "Rivera^Ana");
    static final Clinician OKAFOR = new Clinician("dr-okafor", "urn:oid:2.16.840.1.113883.4.6", null);
    static final Instant T0 = Instant.parse("2026-11-27T10:17:04Z");

    private SessionFixtures() {
    }

    static SessionRecord session(Clinician startedFor) {
        return session(SESSION, startedFor);
    }

    static SessionRecord session(String sessionId, Clinician startedFor) {
        InstanceReference source = new InstanceReference("2.25.3", "1.2.840.10008.5.1.4.1.1.77.1.5.1",
                "1.2.840.10008.1.2.1", "file:///var/lib/spa/dicom/2.25.3.dcm", 1000);
        return new SessionRecord(sessionId, "req-1", "corr-1", "2.25.1", 1, "fundus-optic-cup", "fundus", "2.25.2",
                "OP", List.of(source), source, new ModelReference("spa-optic-cup", "1.0.0+abc"), startedFor, null,
                "/var/lib/spa/seg/2.25.1/" + sessionId, null);
    }

    static RoundRecord round(int round) {
        return new RoundRecord(round, "req-" + round, 4, new SegmentationReference("2.25.1", "2.25.9",
                "2.25.10" + round, "1.2.840.10008.5.1.4.1.1.66.4", "1.2.840.10008.1.2.1",
                "file:///var/lib/spa/seg/" + round + ".dcm", 100), "ready-" + round);
    }

    static ChoiceRecord recorded(int round, ChoiceDecision decision, Integer rank, Clinician clinician) {
        return new ChoiceRecord("choice-" + round, round, decision, rank, clinician, T0, "corr-1");
    }

    static ChoiceMade candidate(int round, int rank, Clinician clinician) {
        return new ChoiceMade(SESSION, round, ChoiceDecision.CANDIDATE, new ChosenCandidate(rank, rank + 1),
                clinician);
    }

    static ChoiceMade decision(int round, ChoiceDecision decision, Clinician clinician) {
        return new ChoiceMade(SESSION, round, decision, null, clinician);
    }

    static SessionView view(Clinician startedFor, int rounds, Map<Integer, ChoiceRecord> choices) {
        return new SessionView(session(startedFor),
                java.util.stream.IntStream.rangeClosed(1, rounds).mapToObj(SessionFixtures::round).toList(),
                choices);
    }
}
