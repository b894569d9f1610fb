package org.spagateway.kafka.support;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Puts an {@link OutboundRecord} into the Camel message the Kafka producer sends: topic, key, value and record
 * headers. Headers of the consumed record are dropped first so nothing unexpected leaks onto our topics. The record's
 * topic is sent to with {@code toD(}{@link KafkaEndpoints#recordProducer}{@code )}.
 */
public final class OutboundRecordWriter implements Processor {

    /** The record's topic, for the endpoint URI of a {@code toD}. */
    public static final String TOPIC_EXPRESSION = "${header[" + KafkaConstants.OVERRIDE_TOPIC + "]}";

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        OutboundRecord record = message.getMandatoryBody(OutboundRecord.class);
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.OVERRIDE_TOPIC, record.topic());
        if (record.key() != null) {
            message.setHeader(KafkaConstants.KEY, record.key());
        }
        record.headers().forEach(message::setHeader);
        message.setBody(record.value());
    }
}
