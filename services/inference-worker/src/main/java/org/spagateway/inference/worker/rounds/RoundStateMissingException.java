package org.spagateway.inference.worker.rounds;

import java.io.IOException;

/**
 * A round's state or recommended mask that a request needs is not stored, or is stored but unreadable: permanent for
 * that request, which is refused with {@code ROUND_STATE_MISSING} (retrying cannot make it appear).
 */
final class RoundStateMissingException extends IOException {

    private static final long serialVersionUID = 1L;

    RoundStateMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
