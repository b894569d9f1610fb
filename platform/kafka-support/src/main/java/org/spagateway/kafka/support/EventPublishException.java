package org.spagateway.kafka.support;

/** Kafka did not acknowledge an event (broker unreachable, timeout, not enough in-sync replicas); retriable. */
public final class EventPublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
