package org.spagateway.study.routing;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.kafka.support.ManualOffsetCommit;
import org.spagateway.kafka.support.RecordFaults;
import org.spagateway.kafka.support.OutboundRecordWriter;

/**
 * {@code spa.study.received} -> {@link StudyReceivedHandler} -> InferenceRequested, StudyNotRouted or dead-letter
 * records -> offset commit. A Kafka send failure leaves the offset uncommitted and the record is polled again.
 */
final class InferenceRouterRoute extends RouteBuilder {

    static final String ROUTE_ID = "inference-router";
    private static final int MAX_POLL_RECORDS = 50;

    private final StudyReceivedHandler handler;
    private final KafkaEndpoints kafka;

    InferenceRouterRoute(StudyReceivedHandler handler, KafkaEndpoints kafka) {
        this.handler = handler;
        this.kafka = kafka;
    }

    @Override
    public void configure() {
        RecordFaults.deadLetterRecordFaults(this, StudyReceivedHandler.COMPONENT,
                kafka.producer(Topic.DEAD_LETTER.name(), "router-faults"));
        from(kafka.consumer(Topic.STUDY_RECEIVED.name(), "router", MAX_POLL_RECORDS)).routeId(ROUTE_ID)
                .bean(handler, "handle(${body}, ${header." + KafkaConstants.KEY + "}, ${header." + KafkaConstants.TOPIC + "})")
                .split(body()).stopOnException()
                    .process(new OutboundRecordWriter())
                    .toD(kafka.recordProducer("router"))
                .end()
                .process(new ManualOffsetCommit());
    }
}
