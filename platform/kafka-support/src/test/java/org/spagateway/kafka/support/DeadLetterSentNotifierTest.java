package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spagateway.events.Topic;

/** The notifier on Camel's own sent events, without a broker (nothing is sent: the events are made here). */
class DeadLetterSentNotifierTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeadLetterSentNotifier notifier = new DeadLetterSentNotifier(new DeadLetterCounter(registry));
    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void countsADeadLetterSentThroughAnEndpointWhoseTopicIsOverriddenPerMessage() throws Exception {
        context.addComponent("kafka", new KafkaEndpoints(KafkaConfig.forBootstrapServers("127.0.0.1:9")).component());
        // What a toD to the record's topic becomes: one endpoint, the topic set per message.
        Endpoint endpoint = context.getEndpoint("kafka:" + Topic.CANDIDATES_READY.name());

        notifier.notify(sent(deadLetter(), endpoint));
        notifier.notify(sent(event(), endpoint));
        Exchange failed = deadLetter();
        failed.setException(new IllegalStateException("not acknowledged"));
        notifier.notify(sent(failed, endpoint));

        assertThat(registry.get(DeadLetterCounter.METRIC).tags("source_topic", Topic.STUDY_RECEIVED.name(),
                "reason_code", "SCHEMA_INVALID", "component", "routes/inference-router").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.find(DeadLetterCounter.METRIC).counters()).hasSize(1);
    }

    @Test
    void takesTheSendingEventsWithoutWhichCamelEmitsNoSentEvent() throws Exception {
        context.addComponent("kafka", new KafkaEndpoints(KafkaConfig.forBootstrapServers("127.0.0.1:9")).component());
        Endpoint endpoint = context.getEndpoint("kafka:" + Topic.DEAD_LETTER.name());
        Exchange exchange = deadLetter();

        assertThat(notifier.isEnabled(context.getManagementStrategy().getEventFactory()
                .createExchangeSendingEvent(exchange, endpoint))).isTrue();
        notifier.notify(context.getManagementStrategy().getEventFactory().createExchangeSendingEvent(exchange,
                endpoint));
        assertThat(registry.find(DeadLetterCounter.METRIC).counters()).isEmpty();
    }

    private CamelEvent sent(Exchange exchange, Endpoint endpoint) {
        return context.getManagementStrategy().getEventFactory().createExchangeSentEvent(exchange, endpoint, 3);
    }

    private Exchange deadLetter() throws Exception {
        return written(DeadLetter.of("routes/inference-router", Topic.STUDY_RECEIVED.name(), "SCHEMA_INVALID",
                "a UID component with a leading zero").record("1.2.3", new byte[] {1}));
    }

    private Exchange event() throws Exception {
        return written(new OutboundRecord(Topic.CANDIDATES_READY.name(), "s-1", new byte[] {1},
                Map.of(TraceParent.HEADER, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")));
    }

    private Exchange written(OutboundRecord record) throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(record);
        new OutboundRecordWriter().process(exchange);
        return exchange;
    }
}
