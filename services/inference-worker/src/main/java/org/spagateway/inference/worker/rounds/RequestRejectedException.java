package org.spagateway.inference.worker.rounds;

import org.spagateway.spa.model.ModelOutputInvalidException;

/**
 * A request that no retry can serve, with the reason code its dead letter carries. Next-round requests:
 * {@code UNKNOWN_SESSION} (the ledger has no such session), {@code CONTINUATION_NOT_RECORDED} (the ledger holds no
 * such decision on that round, or the round itself), {@code CANDIDATE_OUT_OF_RANGE}, {@code TASK_NOT_SERVED},
 * {@code MODEL_VERSION_CHANGED} (this worker runs another version of the session's model), {@code ROUND_STATE_MISSING}
 * (the ledger holds the round but its stored state is gone). Any round: {@code MODEL_OUTPUT_INVALID} (the model's
 * output for the round holds NaN or infinities; the message names the session and the round).
 */
final class RequestRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reasonCode;

    /** {@code MODEL_OUTPUT_INVALID} for round {@code round} of session {@code sessionId}. */
    static RequestRejectedException invalidModelOutput(String sessionId, int round,
                                                       ModelOutputInvalidException cause) {
        RequestRejectedException rejected = new RequestRejectedException("MODEL_OUTPUT_INVALID", "round " + round
                + " of session " + sessionId + ": " + cause.getMessage());
        rejected.initCause(cause);
        return rejected;
    }

    RequestRejectedException(String reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    String reasonCode() {
        return reasonCode;
    }
}
