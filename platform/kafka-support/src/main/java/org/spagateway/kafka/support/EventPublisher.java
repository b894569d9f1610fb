package org.spagateway.kafka.support;

import org.spagateway.events.EventEnvelope;
import org.spagateway.events.Topic;

/**
 * Publishes one event to Kafka, keyed by its {@code subject}; returns only once Kafka has acknowledged the record.
 * {@link KafkaEventPublisher} is the implementation; tests record what would be published.
 */
@FunctionalInterface
public interface EventPublisher {

    /**
     * @throws org.spagateway.events.InvalidEventException the event breaks its published schema (permanent: refused
     *                                                     at the producer rather than dead-lettered by every consumer)
     * @throws EventPublishException Kafka did not acknowledge in time: retriable, nothing is known to be published
     */
    void publish(Topic topic, EventEnvelope<?> event);
}
