package org.spagateway.preference.profiles;

/**
 * A ChoiceApplied that passed its schema but cannot be applied to a profile; {@link #reason()} is the dead-letter
 * reason code.
 */
public final class UnusableChoiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Dead-letter reason codes of choices the profile rule cannot use. */
    public enum Reason {
        /** The record key is not the clinician id: the clinician's choices would be spread over partitions. */
        KEY_NOT_CLINICIAN,
        /** piEstimate has another number of components than the profile's pi under the same model version. */
        PI_SIZE_MISMATCH,
        /** piEstimate sums to zero: there is nothing to normalise. */
        PI_ESTIMATE_ZERO
    }

    private final Reason reason;

    public UnusableChoiceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
