package org.spagateway.seg.export;

import org.spagateway.kafka.support.DependencyUnavailable;

/**
 * A destination could not be reached (connection refused, timed out, association rejected-transient or aborted) at
 * the last attempt of a delivery: it is down, which is no fault of the record. The route leaves the record's offset
 * uncommitted and consumes it again, so a PACS outage delays exports and loses none.
 */
public final class DestinationUnavailableException extends Exception implements DependencyUnavailable {

    private static final long serialVersionUID = 1L;

    DestinationUnavailableException(String message) {
        super(message);
    }
}
