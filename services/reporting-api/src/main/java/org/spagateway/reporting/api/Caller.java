package org.spagateway.reporting.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.spagateway.events.Clinician;

/**
 * Who sent a request or a ChoiceMade record, as far as the gateway can prove it.
 *
 * @param subject   the token's subject (for the log and the access audit); in development mode the API client's
 *                  configured name
 * @param clinician the clinician the verified token names; empty in development mode (the body names one)
 * @param roles     what the caller may do
 * @param verified  whether the identity comes from a verified credential; false only in development mode, where the
 *                  clinician a body names is trusted as before issue 14
 */
public record Caller(String subject, Optional<Clinician> clinician, Set<Role> roles, boolean verified) {

    /** What a verified caller may do, from the token's roles. */
    public enum Role {
        /** Start a session for themself, claim an unowned session by choosing first, decide and read their own. */
        CLINICIAN,
        /** Act for a session's owner: choose, approve and read owned sessions. */
        DELEGATE,
        /** Read any session. */
        AUDITOR
    }

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clinician, "clinician");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** Development mode: the body's clinician is believed and every operation is allowed, as before issue 14. */
    public static Caller unverified(String clientName) {
        return new Caller(clientName, Optional.empty(), EnumSet.allOf(Role.class), false);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
