package org.spagateway.reporting.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.EventPublisher;
import org.spagateway.kafka.support.EventPublishException;

/** Remembers what was published; fails the next {@link #failNext} calls as an unreachable broker would. */
final class RecordingPublisher implements EventPublisher {

    record Published(Topic topic, EventEnvelope<?> event) {
    }

    final List<Published> published = new ArrayList<>();
    final AtomicInteger failNext = new AtomicInteger();

    @Override
    public synchronized void publish(Topic topic, EventEnvelope<?> event) {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new EventPublishException("Kafka did not acknowledge event " + event.eventId(),
                    new org.apache.kafka.common.errors.TimeoutException("test: broker unreachable"));
        }
        published.add(new Published(topic, event));
    }
}
