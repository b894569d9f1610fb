package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboundRecordWriterTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void writesTopicKeyValueAndHeadersDroppingThoseOfTheConsumedRecord() throws Exception {
        byte[] value = "{}".getBytes(StandardCharsets.UTF_8);
        Exchange exchange = new DefaultExchange(context);
        Message message = exchange.getMessage();
        message.setHeader(KafkaConstants.TOPIC, "spa.study.received");
        message.setHeader(KafkaConstants.MANUAL_COMMIT, "consumer's");
        message.setHeader("traceparent", "from the producer of the consumed record");
        message.setBody(new OutboundRecord("spa.dead-letter", "2.25.1", value, Map.of("spa_dlq_reason_code", "X")));

        new OutboundRecordWriter().process(exchange);

        assertThat(message.getHeaders()).containsOnlyKeys(KafkaConstants.OVERRIDE_TOPIC, KafkaConstants.KEY,
                "spa_dlq_reason_code");
        assertThat(message.getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo("spa.dead-letter");
        assertThat(message.getHeader(KafkaConstants.KEY)).isEqualTo("2.25.1");
        assertThat(message.getBody()).isSameAs(value);
    }

    @Test
    void leavesTheKeyOutWhenTheRecordHasNone() throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(new OutboundRecord("spa.dead-letter", null, null, Map.of()));

        new OutboundRecordWriter().process(exchange);

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys(KafkaConstants.OVERRIDE_TOPIC);
        assertThat(exchange.getMessage().getBody()).isNull();
    }
}
