package org.spagateway.sessions;

import java.util.Objects;

/**
 * The outcome of checking a choice against its session.
 *
 * @param outcome   accept, repeat or reject
 * @param rejection why it was rejected; null otherwise
 * @param message   a sentence for the reporting system (no patient data)
 */
public record ChoiceVerdict(Outcome outcome, ChoiceRejection rejection, String message) {

    /** What to do with the choice. */
    public enum Outcome {
        /** New and valid: record it and continue the session. */
        ACCEPT,
        /** The decision already recorded for the round: acknowledge, change nothing (republishing is harmless). */
        REPEAT,
        /** Invalid: refuse with {@link #rejection()}. */
        REJECT
    }

    public ChoiceVerdict {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.REJECT) != (rejection != null)) {
            throw new IllegalArgumentException("a rejection reason goes with REJECT and only with it");
        }
    }

    static ChoiceVerdict accept() {
        return new ChoiceVerdict(Outcome.ACCEPT, null, "accepted");
    }

    static ChoiceVerdict repeat(int round) {
        return new ChoiceVerdict(Outcome.REPEAT, null, "round " + round + " already has this decision");
    }

    static ChoiceVerdict reject(ChoiceRejection rejection, String message) {
        return new ChoiceVerdict(Outcome.REJECT, rejection, message);
    }
}
