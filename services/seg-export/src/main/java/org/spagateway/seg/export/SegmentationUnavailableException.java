package org.spagateway.seg.export;

import org.spagateway.kafka.support.DependencyUnavailable;

/**
 * The SEG an event names could not be read now: the session ledger's database, where workers store every SEG's bytes,
 * cannot be reached, or the SEG could not be staged for sending on this host's disk. No fault of the record: the
 * route leaves its offset uncommitted and consumes it again, however long the outage lasts (never a dead letter).
 */
public final class SegmentationUnavailableException extends Exception implements DependencyUnavailable {

    private static final long serialVersionUID = 1L;

    SegmentationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
