package org.spagateway.kafka.support;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * Commits the consumed record's offset; placed after the record's side effects (at-least-once). Needs a consumer
 * from {@link KafkaEndpoints} (manual commit allowed).
 */
public final class ManualOffsetCommit implements Processor {

    @Override
    public void process(Exchange exchange) {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit == null) {
            throw new IllegalStateException("no " + KafkaConstants.MANUAL_COMMIT + " header: allowManualCommit is off");
        }
        commit.commit();
    }
}
