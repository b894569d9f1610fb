package org.spagateway.sessions;

/**
 * Why a clinician's choice was refused, with the HTTP status the choice endpoint answers and the dead-letter reason
 * code the Kafka ingress uses (the enum name). A refused choice changes nothing.
 */
public enum ChoiceRejection {
    /** The body is not JSON. */
    MALFORMED_JSON(400),
    /** The JSON does not satisfy the ChoiceMade schema (or the event is not a ChoiceMade). */
    SCHEMA_INVALID(400),
    /** No session with that id. */
    UNKNOWN_SESSION(404),
    /** The clinician is not the one the session belongs to. */
    CLINICIAN_MISMATCH(403),
    /** The caller's verified credential does not allow it: a role is missing, or it may not act for the session. */
    FORBIDDEN(403),
    /** The round was superseded: a later round exists. */
    STALE_ROUND(409),
    /** The round has not been computed (yet). */
    FUTURE_ROUND(409),
    /** The round already has a different decision. */
    DUPLICATE_CHOICE(409),
    /** The session was approved and is closed. */
    SESSION_CLOSED(409),
    /** No candidate of that rank in the round, or its segment number does not match its rank. */
    CANDIDATE_OUT_OF_RANGE(422);

    private final int httpStatus;

    ChoiceRejection(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
