package org.spagateway.worker.service;

/**
 * A next-round request that no retry can serve, with the reason code its dead letter carries: {@code UNKNOWN_SESSION}
 * (the ledger has no such session), {@code CONTINUATION_NOT_RECORDED} (the ledger holds no such decision on that
 * round, or the round itself), {@code CANDIDATE_OUT_OF_RANGE}, {@code TASK_NOT_SERVED}, {@code MODEL_VERSION_CHANGED}
 * (this worker runs another version of the session's model), {@code ROUND_STATE_MISSING} (the ledger holds the round
 * but its stored state is gone).
 */
final class ContinuationRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reasonCode;

    ContinuationRejectedException(String reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    String reasonCode() {
        return reasonCode;
    }
}
