package org.spagateway.reporting.api;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.kafka.support.ManualOffsetCommit;
import org.spagateway.kafka.support.RecordFaults;
import org.spagateway.kafka.support.OutboundRecordWriter;

/**
 * {@code spa.candidates.ready} and {@code spa.session.approved} -> {@link WebhookNotifier} (POST to one webhook,
 * with retries) -> dead-letter record -> offset commit. One route, and one consumer group, per webhook
 * ({@link NotificationConfig#forWebhook}): a slow or unreachable reporting system holds up neither the SEG export nor
 * another webhook; while it cannot be reached the record's offset stays uncommitted and it is consumed again.
 */
final class WebhookNotificationRoute extends RouteBuilder {

    static final String ROUTE_ID_PREFIX = "webhook-notification-";
    /** One record per poll: a record can take minutes (every attempt, with backoff). */
    private static final int MAX_POLL_RECORDS = 1;

    private final WebhookNotifier notifier;
    private final KafkaEndpoints kafka;
    private final NotificationConfig config;

    /** @param config the settings of the route's one webhook ({@link NotificationConfig#forWebhook}) */
    WebhookNotificationRoute(WebhookNotifier notifier, KafkaEndpoints kafka, NotificationConfig config) {
        if (config.webhooks().size() != 1) {
            throw new IllegalArgumentException("one route per webhook, not " + config.webhooks().size());
        }
        this.notifier = notifier;
        this.kafka = kafka;
        this.config = config;
    }

    @Override
    public void configure() {
        String topics = Topic.CANDIDATES_READY.name() + "," + Topic.SESSION_APPROVED.name();
        String webhook = config.webhooks().get(0).name();
        String deadLetters = kafka.producer(Topic.DEAD_LETTER.name(), "notify-" + webhook);
        RecordFaults.deadLetterRecordFaults(this, WebhookNotifier.COMPONENT, deadLetters);
        from(kafka.consumer(topics, "notify-" + webhook, config.consumerGroup(), MAX_POLL_RECORDS,
                        config.maxPollInterval()))
                .routeId(ROUTE_ID_PREFIX + webhook)
                .bean(notifier, "handle(${body}, ${header." + KafkaConstants.KEY + "}, ${header." + KafkaConstants.TOPIC + "})")
                .split(body()).stopOnException()
                    .process(new OutboundRecordWriter())
                    .to(deadLetters)
                .end()
                .process(new ManualOffsetCommit());
    }
}
