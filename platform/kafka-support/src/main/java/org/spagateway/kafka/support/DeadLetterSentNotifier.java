package org.spagateway.kafka.support;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.spagateway.events.DeadLetterHeaders;

/**
 * Counts, for every route of a Camel context, the dead letters the Kafka producer sent successfully (synchronous
 * producers: sent means acknowledged). The one place the Camel services' dead letters are counted, whichever handler
 * or {@link RecordFaults} made them. A dead letter is recognised by its {@link DeadLetterHeaders#REASON_CODE} header,
 * which {@link OutboundRecordWriter} puts on the message from the {@link DeadLetter} (after removing the consumed
 * record's headers), not by the endpoint: a {@code toD} to the record's topic is optimised by Camel into one Kafka
 * endpoint whose topic is overridden per message.
 */
final class DeadLetterSentNotifier extends EventNotifierSupport {

    private final DeadLetterCounter counter;

    DeadLetterSentNotifier(DeadLetterCounter counter) {
        this.counter = counter;
    }

    /**
     * The sent events and, though it ignores them, the sending ones: Camel emits an exchange's sent event only when a
     * notifier took its sending event ({@code SendProcessor}).
     */
    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSendingEvent || event instanceof ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof ExchangeSentEvent sent)) {
            return;
        }
        Exchange exchange = sent.getExchange();
        if (exchange.getException() == null && sent.getEndpoint() instanceof KafkaEndpoint
                && exchange.getMessage().getHeader(DeadLetterHeaders.REASON_CODE) != null) {
            counter.published(exchange.getMessage().getHeaders());
        }
    }
}
