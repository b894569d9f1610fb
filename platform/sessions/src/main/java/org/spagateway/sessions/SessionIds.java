package org.spagateway.sessions;

import java.util.UUID;
import java.util.regex.Pattern;
import org.spagateway.events.DeterministicIds;

/**
 * Identifiers derived from the request, never from the clock or a random source, so that a redelivered request
 * produces the same session, the same SEG UIDs (which derive from the session) and the same event id: a crash
 * between storing the SEG and committing the offset reprocesses without duplicates. The names of the session's
 * identifiers, all from {@link DeterministicIds}, the one scheme of the gateway.
 */
public final class SessionIds {

    /**
     * What a session id may be: 1-64 letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or
     * digit. It names a folder of the ledger, so {@code .}, {@code ..} and hidden names are never ids.
     */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private SessionIds() {
    }

    /** Whether {@code sessionId} can be a session id (the ledger and the API refuse any other). */
    public static boolean isValid(String sessionId) {
        return sessionId != null && VALID.matcher(sessionId).matches();
    }

    /** The session of one source image of a request: {@code spa-} + a name-based (type 3) UUID. */
    public static String sessionId(String requestId, String sopInstanceUid) {
        return "spa-" + DeterministicIds.uuid("session", requestId, sopInstanceUid);
    }

    /** The session's sampling seed. */
    public static long seed(String sessionId) {
        UUID uuid = UUID.fromString(sessionId.substring("spa-".length()));
        return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
    }

    /** The CandidatesReady event id of one round of a session. */
    public static String candidatesReadyEventId(String sessionId, int round) {
        return DeterministicIds.id("candidates-ready", sessionId, round);
    }

    /** The request that continues {@code sessionId} after the decision on {@code fromRound}. */
    public static String continuationRequestId(String sessionId, int fromRound) {
        return DeterministicIds.id("continuation", sessionId, fromRound);
    }

    /** The ChoiceApplied event id of the decision on one round of a session (one per round). */
    public static String choiceAppliedEventId(String sessionId, int round) {
        return DeterministicIds.id("choice-applied", sessionId, round);
    }

    /** The SessionApproved event id of a session (a session is approved once). */
    public static String sessionApprovedEventId(String sessionId) {
        return DeterministicIds.id("session-approved", sessionId);
    }

    /** The first-round request of a session started for a clinician on the image of an existing session. */
    public static String clinicianSessionRequestId(String fromSessionId, String clinicianId) {
        return DeterministicIds.id("clinician-session", fromSessionId, clinicianId);
    }

    /** The ProfileUpdated event id of one version of a clinician's profile for a task. */
    public static String profileUpdatedEventId(String clinicianId, String task, long version) {
        return DeterministicIds.id("profile-updated", clinicianId, task, version);
    }

}
