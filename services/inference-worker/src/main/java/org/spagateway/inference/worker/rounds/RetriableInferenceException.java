package org.spagateway.inference.worker.rounds;

/**
 * A request failed for a reason that may pass; the worker tries it again. Three kinds, told apart by what failed:
 * <ul>
 *   <li>{@linkplain #storageUnavailable storage} (an {@code IOException}: the session store, the source images (their
 *       folder, or the edge serving them over HTTP: refused, timed out, 5xx) or the
 *       profiles cannot be read or written, e.g. a full disk or a stalled network file system): a dependency that is
 *       down, retried with back-off <em>without limit</em> and never dead-lettered, so an outage delays rounds
 *       instead of losing them;</li>
 *   <li>{@linkplain #engineFailed engine} (any other exception from the model or the SEG writer): may be a passing
 *       fault or a request the engine can never run, so it is retried a bounded number of times and then
 *       dead-lettered with {@code INFERENCE_FAILED};</li>
 *   <li>{@linkplain #sourceIntegrity source integrity} (a source fetched from the edge whose size or SHA-256 is not
 *       its reference's): bounded like an engine failure, then dead-lettered with {@code SOURCE_INTEGRITY}.</li>
 * </ul>
 */
public final class RetriableInferenceException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean bounded;
    private final String reasonCode;

    private RetriableInferenceException(String message, Throwable cause, boolean bounded, String reasonCode) {
        super(message, cause);
        this.bounded = bounded;
        this.reasonCode = reasonCode;
    }

    /** Storage the request needs failed: retried without limit. */
    public static RetriableInferenceException storageUnavailable(String message, Throwable cause) {
        return new RetriableInferenceException(message, cause, false, "STORAGE_UNAVAILABLE");
    }

    /** The engine failed on the request: retried a bounded number of times, then dead-lettered. */
    public static RetriableInferenceException engineFailed(String message, Throwable cause) {
        return new RetriableInferenceException(message, cause, true, "INFERENCE_FAILED");
    }

    /**
     * A source fetched from the edge did not match its reference's size or SHA-256 (the partial copy is gone):
     * retried a bounded number of times (a transfer gone wrong passes), then dead-lettered with
     * {@code SOURCE_INTEGRITY}.
     */
    public static RetriableInferenceException sourceIntegrity(String message, Throwable cause) {
        return new RetriableInferenceException(message, cause, true, "SOURCE_INTEGRITY");
    }

    /** The dead letter's reason code once a bounded failure's attempts are spent. */
    public String reasonCode() {
        return reasonCode;
    }

    /** Whether the worker gives up after its configured attempts ({@code spa.worker.attempts}). */
    public boolean bounded() {
        return bounded;
    }
}
