package org.spagateway.fhir;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/** Turns a {@link DeadLetterRecord} into the Kafka record the producer endpoint sends. */
final class DeadLetterWriter implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        DeadLetterRecord record = message.getBody(DeadLetterRecord.class);
        message.getHeaders().keySet().removeIf(name -> name.startsWith("kafka.") || name.startsWith("CamelKafka"));
        message.setBody(record.value());
        if (record.key() != null) {
            message.setHeader(KafkaConstants.KEY, record.key());
        }
        record.headers().forEach(message::setHeader);
    }
}
