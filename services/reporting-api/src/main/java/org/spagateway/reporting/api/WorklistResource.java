package org.spagateway.reporting.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.spagateway.events.Clinician;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionView;

/**
 * {@code GET /sessions?status=open}: the open sessions the caller may work on, most recently active first, at most
 * {@value #MAX_SESSIONS}: for a clinician their own and the ones nobody has claimed yet, for a delegate or an
 * auditor every open session they may read, in development mode all ({@link SessionAccessPolicy#mayView}). The answer
 * also says who the caller is, so the page can name the clinician in its choices. Recorded for the access audit as a
 * {@code QUERY}.
 */
final class WorklistResource {

    static final int MAX_SESSIONS = 100;
    static final String OPEN = "open";

    private final SessionLedger ledger;
    private final AccessAudit audit;
    private final SessionAccessPolicy policy = new SessionAccessPolicy();

    WorklistResource(SessionLedger ledger, AccessAudit audit) {
        this.ledger = ledger;
        this.audit = audit;
    }

    ApiResponse list(ApiRequest request, Caller caller) throws IOException {
        Optional<String> user = audit.user(request, caller);
        if (user.isEmpty()) {
            return AccessAudit.invalidUser();
        }
        String status = request.parameter("status").orElse(OPEN);
        if (!status.equals(OPEN)) {
            return ApiResponse.error(400, "INVALID_QUERY", "status must be '" + OPEN + "'");
        }
        Optional<SessionAccessPolicy.Refusal> refusal = policy.mayReadAny(caller);
        ApiResponse answer;
        if (refusal.isPresent()) {
            answer = ApiResponse.error(refusal.get().rejection().httpStatus(), refusal.get().rejection().name(),
                    refusal.get().message());
        } else {
            List<ListedSession> sessions = ledger.openSessions(view -> policy.mayView(caller, view).isEmpty(),
                    MAX_SESSIONS).stream().map(ListedSession::of).toList();
            answer = ApiResponse.json(200, "OK", new Worklist(Signed.of(caller), sessions));
        }
        audit.record(request, user.get(), AccessAudit.QUERY, null, Optional.empty(), answer.status());
        return answer;
    }

    /**
     * The body of 200.
     *
     * @param caller   who asked
     * @param sessions the open sessions, most recently active first
     */
    record Worklist(Signed caller, List<ListedSession> sessions) {
    }

    /**
     * The caller as the gateway knows it.
     *
     * @param subject   the token's subject (development mode: the client's name)
     * @param clinician the clinician the token names; absent in development mode
     * @param roles     what the caller may do
     * @param verified  false in development mode
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Signed(String subject, Clinician clinician, Set<Caller.Role> roles, boolean verified) {

        static Signed of(Caller caller) {
            return new Signed(caller.subject(), caller.clinician().orElse(null), caller.roles(), caller.verified());
        }
    }

    /**
     * One open session.
     *
     * @param sessionId      the session
     * @param task           the SPA task
     * @param modality       the source's modality
     * @param latestRound    the round waiting for a decision (or being computed after one)
     * @param candidateCount K of that round
     * @param owner          the clinician it belongs to; absent when nobody has claimed it
     * @param decided        whether the latest round already has a decision (the next round is being computed)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListedSession(String sessionId, String task, String modality, int latestRound, int candidateCount,
                         Clinician owner, boolean decided) {

        static ListedSession of(SessionView view) {
            return new ListedSession(view.session().sessionId(), view.session().task(), view.session().modality(),
                    view.latestRound(), view.rounds().get(view.rounds().size() - 1).candidateCount(),
                    view.owner().orElse(null), view.choices().containsKey(view.latestRound()));
        }
    }
}
