package org.spagateway.routes;

import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.OutboundRecord;

/** Sends through the {@code event-publisher} route and reports its failure to the caller. */
final class CamelEventPublisher implements EventPublisher {

    private final ProducerTemplate template;
    private final EventCodec codec;

    CamelEventPublisher(ProducerTemplate template, EventCodec codec) {
        this.template = template;
        this.codec = codec;
    }

    @Override
    public void publish(Topic topic, EventEnvelope<?> event) {
        OutboundRecord record = new OutboundRecord(topic.name(), event.subject(), codec.encodeBytes(event), Map.of());
        try {
            template.sendBody(EventPublisherRoute.ENDPOINT, record);
        } catch (CamelExecutionException e) {
            throw new EventPublishException("Kafka did not acknowledge event " + event.eventId() + " on "
                    + topic.name(), e.getCause() == null ? e : e.getCause());
        }
    }
}
