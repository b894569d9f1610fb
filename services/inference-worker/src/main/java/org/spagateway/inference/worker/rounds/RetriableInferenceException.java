package org.spagateway.inference.worker.rounds;

/** A request failed for a reason that may pass (I/O, the engine); the worker tries it again, then dead-letters. */
public final class RetriableInferenceException extends Exception {
    private static final long serialVersionUID = 1L;

    public RetriableInferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
