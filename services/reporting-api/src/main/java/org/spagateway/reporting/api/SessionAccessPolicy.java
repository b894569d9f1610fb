package org.spagateway.reporting.api;

import java.util.Optional;
import org.spagateway.events.Clinician;
import org.spagateway.sessions.ChoiceRejection;
import org.spagateway.sessions.SessionView;

/**
 * Who may do what with a session, for a verified {@link Caller} (issue 14); an unverified caller (development mode)
 * may do everything, as before. Pure: the callers read the session.
 *
 * <ul>
 *   <li>Choose or approve: the owner holding the clinician role, or a delegate acting for the owner. A session that
 *       routing started has no owner: the first clinician-role caller who chooses claims it (the ledger records the
 *       claim with the choice); a delegate cannot claim one for somebody else.</li>
 *   <li>Start a session: a clinician-role caller, for themself only.</li>
 *   <li>Read a session: its owner, a delegate or an auditor.</li>
 *   <li>View a session in the candidate picker (its worklist, images and live events): whoever may read it, and a
 *       clinician-role caller a session nobody owns yet, which they may claim by choosing.</li>
 * </ul>
 * A body naming another clinician than the token's is refused {@code CLINICIAN_MISMATCH}, except from a delegate,
 * whose body names the owner it acts for.
 */
final class SessionAccessPolicy {

    /** A refusal, with the status and code the choice API answers and the dead-letter reason. */
    record Refusal(ChoiceRejection rejection, String message) {
    }

    Optional<Refusal> mayChoose(Caller caller, Clinician named, Optional<SessionView> session) {
        if (!caller.verified()) {
            return Optional.empty();
        }
        boolean delegate = caller.has(Caller.Role.DELEGATE);
        if (!delegate && !caller.has(Caller.Role.CLINICIAN)) {
            return forbidden("choosing needs the clinician or the delegate role");
        }
        if (!delegate) {
            return mismatch(caller, named);
        }
        if (session.isPresent() && session.get().owner().isEmpty()
                && !(caller.has(Caller.Role.CLINICIAN) && mismatch(caller, named).isEmpty())) {
            return forbidden("session " + session.get().session().sessionId() + " has no owner yet; only a"
                    + " clinician choosing for themself claims it");
        }
        return Optional.empty();
    }

    Optional<Refusal> mayStart(Caller caller, Clinician named) {
        if (!caller.verified()) {
            return Optional.empty();
        }
        if (!caller.has(Caller.Role.CLINICIAN)) {
            return forbidden("starting a session needs the clinician role");
        }
        return mismatch(caller, named);
    }

    /** Before the session is read: a caller with none of the roles learns nothing, not even whether it exists. */
    Optional<Refusal> mayReadAny(Caller caller) {
        if (!caller.verified() || !caller.roles().isEmpty()) {
            return Optional.empty();
        }
        return forbidden("reading a session needs the clinician, delegate or auditor role");
    }

    Optional<Refusal> mayRead(Caller caller, SessionView session) {
        if (!caller.verified() || caller.has(Caller.Role.AUDITOR) || caller.has(Caller.Role.DELEGATE)) {
            return Optional.empty();
        }
        Optional<Clinician> owner = session.owner();
        if (owner.isPresent() && caller.clinician().isPresent()
                && SessionView.sameClinician(owner.get(), caller.clinician().get())) {
            return Optional.empty();
        }
        return forbidden("session " + session.session().sessionId() + (owner.isPresent()
                ? " belongs to another clinician; reading it needs the auditor or delegate role"
                : " is not claimed yet; reading it needs the clinician, auditor or delegate role"));
    }

    /** {@link #mayRead}, and a clinician may see an unclaimed session they could claim by choosing on it. */
    Optional<Refusal> mayView(Caller caller, SessionView session) {
        Optional<Refusal> read = mayRead(caller, session);
        if (read.isEmpty() || (caller.has(Caller.Role.CLINICIAN) && session.owner().isEmpty())) {
            return Optional.empty();
        }
        return read;
    }

    /**
     * The clinician a verified caller acts as, with the body's name when the token carries none (the name is not
     * part of the identity).
     */
    static Clinician acting(Caller caller, Clinician named) {
        Clinician verified = caller.clinician().orElseThrow();
        return verified.personName() != null ? verified
                : new Clinician(verified.id(), verified.system(), named.personName());
    }

    private static Optional<Refusal> mismatch(Caller caller, Clinician named) {
        Clinician verified = caller.clinician().orElseThrow();
        if (SessionView.sameClinician(verified, named)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(ChoiceRejection.CLINICIAN_MISMATCH, "the body names clinician " + named.id()
                + (named.system() == null ? " without an identifier system" : " of " + named.system())
                + " but the bearer token is clinician " + verified.id() + " of " + verified.system()));
    }

    private static Optional<Refusal> forbidden(String message) {
        return Optional.of(new Refusal(ChoiceRejection.FORBIDDEN, message));
    }
}
