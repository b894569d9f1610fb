package org.spagateway.reporting.api;

import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.kafka.support.ManualOffsetCommit;
import org.spagateway.kafka.support.RecordFaults;
import org.spagateway.kafka.support.OutboundRecordWriter;

/**
 * {@code spa.choice.made} -> {@link ChoiceTopicHandler} (ledger claim, next-round request published) -> dead-letter
 * record for a refused choice -> offset commit. A ledger or Kafka failure leaves the offset uncommitted and the
 * record is consumed again.
 */
final class ChoiceTopicRoute extends RouteBuilder {

    static final String ROUTE_ID = "choice-topic";
    private static final int MAX_POLL_RECORDS = 50;
    /** Each record waits at most for one ledger claim and one acknowledged publish. */
    private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(5);

    private final ChoiceTopicHandler handler;
    private final KafkaEndpoints kafka;
    private final String consumerGroup;

    ChoiceTopicRoute(ChoiceTopicHandler handler, KafkaEndpoints kafka, String consumerGroup) {
        this.handler = handler;
        this.kafka = kafka;
        this.consumerGroup = consumerGroup;
    }

    @Override
    public void configure() {
        String deadLetters = kafka.producer(Topic.DEAD_LETTER.name(), "choice-topic");
        RecordFaults.deadLetterRecordFaults(this, ChoiceTopicHandler.COMPONENT, deadLetters);
        from(kafka.consumer(Topic.CHOICE_MADE.name(), "choice-topic", consumerGroup, MAX_POLL_RECORDS,
                        MAX_POLL_INTERVAL)).routeId(ROUTE_ID)
                .bean(handler, "handle(${body}, ${header." + KafkaConstants.KEY + "}, ${header." + KafkaConstants.TOPIC
                        + "}, ${header." + ChoiceTopicHandler.AUTHORIZATION + "})")
                .split(body()).stopOnException()
                    .process(new OutboundRecordWriter())
                    .to(deadLetters)
                .end()
                .process(new ManualOffsetCommit());
    }
}
