package org.spagateway.sessions;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.Clinician;

/**
 * A session as the ledger holds it at one moment: the record, its stored rounds and the choices accepted so far.
 *
 * @param session the session record
 * @param rounds  stored rounds, by round number, in order
 * @param choices accepted choices by round
 */
public record SessionView(SessionRecord session, List<RoundRecord> rounds, Map<Integer, ChoiceRecord> choices) {

    public SessionView {
        rounds = List.copyOf(rounds);
        choices = Map.copyOf(choices);
    }

    /** The latest stored round; 0 when none is stored yet. */
    public int latestRound() {
        return rounds.isEmpty() ? 0 : rounds.get(rounds.size() - 1).round();
    }

    public Optional<RoundRecord> round(int round) {
        return rounds.stream().filter(r -> r.round() == round).findFirst();
    }

    /** The clinician the session belongs to: who it was started for, else who made its first choice. */
    public Optional<Clinician> owner() {
        if (session.clinician() != null) {
            return Optional.of(session.clinician());
        }
        return choices.values().stream().min(java.util.Comparator.comparingInt(ChoiceRecord::round))
                .map(ChoiceRecord::clinician);
    }

    /** Whether a clinician approved a round (the session is closed). */
    public boolean approved() {
        return choices.values().stream().anyMatch(c -> c.decision() == ChoiceDecision.APPROVE);
    }

    /**
     * Same clinician: the same id in the same identifier system, compared exactly. An identifier without a system
     * is only the same as another without one: an id is unique only within its namespace (FHIR Identifier.system),
     * so a missing system must not match every system (issue 14).
     */
    public static boolean sameClinician(Clinician a, Clinician b) {
        return a.id().equals(b.id()) && Objects.equals(a.system(), b.system());
    }
}
