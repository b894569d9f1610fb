package org.spagateway.routes;

import org.apache.camel.builder.RouteBuilder;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.kafka.support.OutboundRecordWriter;

/** {@code direct:study-received} -> JSON -> Kafka {@code spa.study.received}, keyed by StudyInstanceUID. */
final class StudyReceivedPublisherRoute extends RouteBuilder {

    static final String ROUTE_ID = "study-received-publisher";
    static final String ENDPOINT = "direct:study-received";

    private final StudyReceivedEncoder encoder;
    private final KafkaEndpoints kafka;

    StudyReceivedPublisherRoute(StudyReceivedEncoder encoder, KafkaEndpoints kafka) {
        this.encoder = encoder;
        this.kafka = kafka;
    }

    @Override
    public void configure() {
        // No error handler: the failure goes back to the caller (the listener), which owns the retry.
        from(ENDPOINT).routeId(ROUTE_ID).errorHandler(noErrorHandler())
                .bean(encoder, "toRecord")
                .process(new OutboundRecordWriter())
                .to(kafka.producer(Topic.STUDY_RECEIVED.name(), "publisher"));
    }
}
