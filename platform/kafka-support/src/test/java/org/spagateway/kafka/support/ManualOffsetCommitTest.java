package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManualOffsetCommitTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void commitsTheConsumedRecordsOffset() {
        AtomicInteger commits = new AtomicInteger();
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, (KafkaManualCommit) commits::incrementAndGet);

        new ManualOffsetCommit().process(exchange);

        assertThat(commits).hasValue(1);
    }

    @Test
    void failsWhenTheConsumerDoesNotAllowManualCommit() {
        Exchange exchange = new DefaultExchange(context);

        assertThatThrownBy(() -> new ManualOffsetCommit().process(exchange))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("allowManualCommit");
    }
}
