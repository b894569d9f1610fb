package org.spagateway.reporting.api;

import org.spagateway.kafka.support.DependencyUnavailable;

/**
 * A webhook could not be reached (no answer, or 502, 503, 504) at the last attempt of a delivery: the receiver is
 * down, which is no fault of the record. The route leaves the record's offset uncommitted and consumes it again, so
 * an outage of a reporting system delays its notifications and loses none.
 */
public final class WebhookUnavailableException extends Exception implements DependencyUnavailable {

    private static final long serialVersionUID = 1L;

    WebhookUnavailableException(String message) {
        super(message);
    }
}
