package org.spagateway.worker.service;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Identifiers derived from the request, never from the clock or a random source, so that a redelivered request
 * produces the same session, the same SEG UIDs (which derive from the session) and the same event id: a crash
 * between storing the SEG and committing the offset reprocesses without duplicates.
 */
public final class SessionIds {

    private SessionIds() {
    }

    /** The session of one source image of a request: {@code spa-} + a name-based (type 3) UUID. */
    public static String sessionId(String requestId, String sopInstanceUid) {
        return "spa-" + uuid("spa-session|" + requestId + "|" + sopInstanceUid);
    }

    /** The session's sampling seed. */
    public static long seed(String sessionId) {
        UUID uuid = UUID.fromString(sessionId.substring("spa-".length()));
        return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
    }

    /** The CandidatesReady event id of one round of a session. */
    public static String candidatesReadyEventId(String sessionId, int round) {
        return uuid("candidates-ready|" + sessionId + "|" + round).toString();
    }

    private static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
