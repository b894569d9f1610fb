package org.spagateway.sessions;

import java.io.IOException;

/**
 * The session ledger's database could not be reached or could not complete a statement now (down, restarting, out of
 * connections, a lost connection, a serialization failure): a dependency that is down. It is an {@link IOException}
 * because that is what every caller already treats as "retry with back-off, never dead-letter" (the worker's
 * {@code STORAGE_UNAVAILABLE}, the choice API's 503 {@code LEDGER_UNAVAILABLE}, the choice topic's uncommitted offset).
 * Nothing was recorded by the failed call, or what was recorded is what a repeat of it records again.
 */
public final class LedgerUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
