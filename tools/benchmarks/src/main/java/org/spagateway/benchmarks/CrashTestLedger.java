package org.spagateway.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the crash test's driver did and was told: the studies storescu saw stored, the rounds shown, the choices the
 * API answered 202 (accepted: these must be applied exactly once) and the rounds that need no further answer.
 */
final class CrashTestLedger {

    private final List<String> storedStudies = new ArrayList<>();
    private final Map<String, Integer> latestRound = new LinkedHashMap<>();
    private final Set<String> answered = new HashSet<>();
    private final Map<String, String> acceptedChoices = new LinkedHashMap<>();
    private final Set<String> approvedSessions = new HashSet<>();
    private final Map<Integer, Integer> statuses = new HashMap<>();

    void stored(String studyInstanceUid) {
        storedStudies.add(studyInstanceUid);
    }

    void shown(String sessionId, int round) {
        latestRound.merge(sessionId, round, Math::max);
    }

    /**
     * 202 accepted, 200 a repeat of an accepted one (a 202 whose answer a kill cut off), 409 already decided: the
     * round needs no further answer. 503 (Kafka or the ledger down) and no answer at all: it is answered again.
     */
    void answered(String sessionId, int round, int status, String decision) {
        statuses.merge(status, 1, Integer::sum);
        if (status == 202 || status == 200) {
            acceptedChoices.put(key(sessionId, round), decision);
            if (decision.equals("APPROVE")) {
                approvedSessions.add(sessionId);
            }
        }
        if (status < 500) {
            answered.add(key(sessionId, round));
        }
    }

    /** Sessions whose latest round shown has no answer yet (approved sessions are done). */
    Map<String, Integer> unanswered() {
        Map<String, Integer> open = new LinkedHashMap<>();
        latestRound.forEach((session, round) -> {
            if (!approvedSessions.contains(session) && !answered.contains(key(session, round))) {
                open.put(session, round);
            }
        });
        return open;
    }

    boolean allApproved(int studies) {
        return storedStudies.size() >= studies && latestRound.size() >= studies
                && approvedSessions.containsAll(latestRound.keySet());
    }

    List<String> storedStudies() {
        return storedStudies;
    }

    /** "session/round" -> the decision the API accepted (202, or 200 for a repeat). */
    Map<String, String> acceptedChoices() {
        return acceptedChoices;
    }

    Set<String> approvedSessions() {
        return approvedSessions;
    }

    Map<Integer, Integer> statuses() {
        return statuses;
    }

    static String key(String sessionId, int round) {
        return sessionId + "/" + round;
    }
}
