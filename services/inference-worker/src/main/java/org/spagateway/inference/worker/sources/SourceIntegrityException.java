package org.spagateway.inference.worker.sources;

import java.io.IOException;

/**
 * A fetched source instance is not what its reference says (size or SHA-256 differ): a transfer that went wrong, or
 * an edge serving another file than it announced. The partial file is deleted; the request is retried a few times
 * (a passing fault) and then dead-lettered with {@code SOURCE_INTEGRITY}, never segmented from unverified bytes.
 * Messages name sizes, never the location (its path holds the study's UIDs).
 */
public final class SourceIntegrityException extends IOException {
    private static final long serialVersionUID = 1L;

    public SourceIntegrityException(String message) {
        super(message);
    }
}
