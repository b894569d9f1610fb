package org.spagateway.seg.export;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.kafka.support.ManualOffsetCommit;
import org.spagateway.kafka.support.RecordFaults;
import org.spagateway.kafka.support.OutboundRecordWriter;

/**
 * {@code spa.candidates.ready} (each round's SEG) and {@code spa.session.approved} (each session's final SEG) ->
 * {@link SegmentationExportHandler} (C-STORE or STOW-RS to one destination, with retries) -> a SegmentationExported or a
 * dead-letter record -> offset commit. One route, and one consumer group, per destination
 * ({@link ExportConfig#forDestination}): a destination that is down holds up only its own route. The offset is
 * committed only after the destination has stored the SEG or it has been dead-lettered and that record is
 * acknowledged; a destination that cannot be reached, or a Kafka failure, leaves it uncommitted and the record is
 * consumed (and the SEG re-sent, harmlessly) again.
 */
final class SegExportRoute extends RouteBuilder {

    static final String ROUTE_ID_PREFIX = "seg-export-";
    /** One record per poll: a record can take minutes (every C-STORE or STOW-RS attempt, with backoff). */
    private static final int MAX_POLL_RECORDS = 1;

    private final SegmentationExportHandler handler;
    private final KafkaEndpoints kafka;
    private final ExportConfig config;

    /** @param config the settings of the route's one destination ({@link ExportConfig#forDestination}) */
    SegExportRoute(SegmentationExportHandler handler, KafkaEndpoints kafka, ExportConfig config) {
        if (config.destinations().size() != 1) {
            throw new IllegalArgumentException("one route per destination, not " + config.destinations());
        }
        this.handler = handler;
        this.kafka = kafka;
        this.config = config;
    }

    @Override
    public void configure() {
        String topics = Topic.CANDIDATES_READY.name() + "," + Topic.SESSION_APPROVED.name();
        String destination = config.destinations().get(0).name();
        RecordFaults.deadLetterRecordFaults(this, SegmentationExportHandler.COMPONENT,
                kafka.producer(Topic.DEAD_LETTER.name(), "export-faults-" + destination));
        from(kafka.consumer(topics, "export-" + destination, config.consumerGroup(), MAX_POLL_RECORDS,
                        config.maxPollInterval()))
                .routeId(ROUTE_ID_PREFIX + destination)
                .bean(handler, "handle(${body}, ${header." + KafkaConstants.KEY + "}, ${header." + KafkaConstants.TOPIC + "})")
                .split(body()).stopOnException()
                    .process(new OutboundRecordWriter())
                    .toD(kafka.recordProducer("exporter-" + destination))
                .end()
                .process(new ManualOffsetCommit());
    }
}
