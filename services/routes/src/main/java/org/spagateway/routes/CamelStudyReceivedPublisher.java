package org.spagateway.routes;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.StudyReceived;

/** Sends through the {@code study-received-publisher} route and reports its failure to the caller. */
final class CamelStudyReceivedPublisher implements StudyReceivedPublisher {

    private final ProducerTemplate template;

    CamelStudyReceivedPublisher(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public void publish(EventEnvelope<StudyReceived> event) {
        try {
            template.sendBody(StudyReceivedPublisherRoute.ENDPOINT, event);
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InvalidEventException invalid) {
                throw invalid;
            }
            throw new EventPublishException("Kafka did not acknowledge event " + event.eventId(), cause);
        }
    }
}
