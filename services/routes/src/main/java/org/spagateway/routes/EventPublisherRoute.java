package org.spagateway.routes;

import org.apache.camel.builder.RouteBuilder;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.kafka.support.OutboundRecordWriter;

/**
 * {@code direct:publish-event} -> Kafka, to the topic the {@link org.spagateway.kafka.support.OutboundRecord} names:
 * the choice ingress's next-round requests and the choice API's access records. Synchronous and acknowledged by all
 * in-sync replicas, so a caller that returns has published.
 */
final class EventPublisherRoute extends RouteBuilder {

    static final String ROUTE_ID = "event-publisher";
    static final String ENDPOINT = "direct:publish-event";

    private final KafkaEndpoints kafka;

    EventPublisherRoute(KafkaEndpoints kafka) {
        this.kafka = kafka;
    }

    @Override
    public void configure() {
        // No error handler: the failure goes back to the caller, which answers 503 or leaves its offset uncommitted.
        from(ENDPOINT).routeId(ROUTE_ID).errorHandler(noErrorHandler())
                .process(new OutboundRecordWriter())
                .to(kafka.producer(Topic.INFERENCE_INTERACTIVE.name(), "choices"));
    }
}
