package org.spagateway.events;

/** An incoming record is not a valid event of the expected type; {@link #reason()} is the dead-letter reason code. */
public final class InvalidEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Dead-letter reason codes for unreadable events. */
    public enum Reason {
        MALFORMED_JSON,
        UNEXPECTED_TYPE,
        SCHEMA_INVALID
    }

    private final Reason reason;

    public InvalidEventException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
