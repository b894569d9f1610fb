package org.spagateway.routes;

import org.spagateway.events.EventEnvelope;
import org.spagateway.events.Topic;

/** Publishes one event to Kafka, keyed by its {@code subject}; returns only once Kafka has acknowledged the record. */
@FunctionalInterface
public interface EventPublisher {

    /** @throws EventPublishException Kafka did not acknowledge in time: retriable, nothing is known to be published */
    void publish(Topic topic, EventEnvelope<?> event);
}
