package org.spagateway.reporting.api;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.kafka.support.ManualOffsetCommit;
import org.spagateway.kafka.support.OutboundRecordWriter;

/**
 * {@code spa.candidates.ready} and {@code spa.session.approved} -> {@link WebhookNotifier} (POST to every webhook,
 * with retries) -> dead-letter records -> offset commit, in its own consumer group so a slow reporting system never
 * holds up the SEG export.
 */
final class WebhookNotificationRoute extends RouteBuilder {

    static final String ROUTE_ID = "webhook-notification";
    /** One record per poll: a record can take minutes (every attempt, with backoff). */
    private static final int MAX_POLL_RECORDS = 1;

    private final WebhookNotifier notifier;
    private final KafkaEndpoints kafka;
    private final NotificationConfig config;

    WebhookNotificationRoute(WebhookNotifier notifier, KafkaEndpoints kafka, NotificationConfig config) {
        this.notifier = notifier;
        this.kafka = kafka;
        this.config = config;
    }

    @Override
    public void configure() {
        String topics = Topic.CANDIDATES_READY.name() + "," + Topic.SESSION_APPROVED.name();
        from(kafka.consumer(topics, "notify", config.consumerGroup(), MAX_POLL_RECORDS, config.maxPollInterval()))
                .routeId(ROUTE_ID)
                .bean(notifier, "handle(${body}, ${header." + KafkaConstants.KEY + "}, ${header." + KafkaConstants.TOPIC + "})")
                .split(body()).stopOnException()
                    .process(new OutboundRecordWriter())
                    .to(kafka.producer(Topic.DEAD_LETTER.name(), "notify"))
                .end()
                .process(new ManualOffsetCommit());
    }
}
