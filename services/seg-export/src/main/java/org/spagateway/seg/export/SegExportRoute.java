package org.spagateway.seg.export;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.kafka.support.ManualOffsetCommit;
import org.spagateway.kafka.support.OutboundRecordWriter;

/**
 * {@code spa.candidates.ready} (each round's SEG) and {@code spa.session.approved} (each session's final SEG) ->
 * {@link SegmentationExportHandler} (C-STORE to every destination, with retries) ->
 * SegmentationExported and dead-letter records -> offset commit. The offset is committed only after every
 * destination has stored the SEG or been dead-lettered and those records are acknowledged; a Kafka failure leaves it
 * uncommitted and the record is consumed (and the SEG re-sent, harmlessly) again.
 */
final class SegExportRoute extends RouteBuilder {

    static final String ROUTE_ID = "seg-export";
    /** One record per poll: a record can take minutes (every C-STORE attempt, with backoff). */
    private static final int MAX_POLL_RECORDS = 1;

    private final SegmentationExportHandler handler;
    private final KafkaEndpoints kafka;
    private final ExportConfig config;

    SegExportRoute(SegmentationExportHandler handler, KafkaEndpoints kafka, ExportConfig config) {
        this.handler = handler;
        this.kafka = kafka;
        this.config = config;
    }

    @Override
    public void configure() {
        String topics = Topic.CANDIDATES_READY.name() + "," + Topic.SESSION_APPROVED.name();
        from(kafka.consumer(topics, "export", config.consumerGroup(), MAX_POLL_RECORDS, config.maxPollInterval()))
                .routeId(ROUTE_ID)
                .bean(handler, "handle(${body}, ${header." + KafkaConstants.KEY + "}, ${header." + KafkaConstants.TOPIC + "})")
                .split(body()).stopOnException()
                    .process(new OutboundRecordWriter())
                    .toD(kafka.recordProducer("exporter"))
                .end()
                .process(new ManualOffsetCommit());
    }
}
