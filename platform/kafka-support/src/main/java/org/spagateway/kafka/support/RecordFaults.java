package org.spagateway.kafka.support;

import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure policy every Camel consumer route shares, for what its handler did not foresee. A failure is either:
 * <ul>
 *   <li>a dependency that is down ({@link #dependencyDown}: an {@link IOException}, a Kafka client failure, an
 *       interruption, or an exception marked {@link DependencyUnavailable}, anywhere in the cause chain): the
 *       exchange fails, the offset stays uncommitted and the consumer polls the record again, without limit;</li>
 *   <li>anything else (an exception a defect or an input nobody foresaw throws): the record's fault. It is tried
 *       {@value #ATTEMPTS} times in all, then put on {@code spa.dead-letter} unchanged with reason code
 *       {@value #PROCESSING_FAILED} and the exception in the reason, and its offset is committed: the consumer moves
 *       on instead of polling one record for ever. If the dead letter cannot be published, the record is polled
 *       again.</li>
 * </ul>
 * Failures a handler foresees are its own business: it returns the dead letter with a precise reason code.
 */
public final class RecordFaults {

    /** Dead-letter reason code of a record whose processing failed in a way no handler foresaw. */
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";
    static final int ATTEMPTS = 3;
    private static final String COMMIT = "spa.record-faults.commit";
    private static final Logger LOG = LoggerFactory.getLogger(RecordFaults.class);

    private RecordFaults() {
    }

    /**
     * Adds the policy to {@code routes}: call it in {@code configure()} before the route.
     *
     * @param component          the dead letter's {@code spa_dlq_component}
     * @param deadLetterEndpoint a producer endpoint of {@code spa.dead-letter}
     */
    public static void deadLetterRecordFaults(RouteBuilder routes, String component, String deadLetterEndpoint) {
        routes.onException(Exception.class)
                .onWhen(exchange -> !dependencyDown(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                .handled(true)
                .useOriginalMessage()
                .maximumRedeliveries(ATTEMPTS - 1)
                .redeliveryDelay(500)
                .useCollisionAvoidance()
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logExhausted(false)
                .process(exchange -> toDeadLetter(exchange, component))
                .process(new OutboundRecordWriter())
                .to(deadLetterEndpoint)
                .process(RecordFaults::commit);
    }

    /** Whether {@code failure} says a dependency is down rather than that the record is at fault. */
    public static boolean dependencyDown(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof KafkaException
                    || cause instanceof InterruptedException || cause instanceof DependencyUnavailable) {
                return true;
            }
        }
        return false;
    }

    private static void toDeadLetter(Exchange exchange, String component) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String topic = exchange.getMessage().getHeader(KafkaConstants.TOPIC, String.class);
        String key = exchange.getMessage().getHeader(KafkaConstants.KEY, String.class);
        byte[] value = exchange.getMessage().getBody(byte[].class);
        exchange.setProperty(COMMIT, exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT));
        LOG.error("Dead-lettering a record from {} after {} attempts: {}", topic, ATTEMPTS, String.valueOf(failure),
                failure);
        exchange.getMessage().setBody(DeadLetter.of(component, topic, PROCESSING_FAILED, String.valueOf(failure))
                .record(key, value));
    }

    private static void commit(Exchange exchange) {
        KafkaManualCommit commit = exchange.getProperty(COMMIT, KafkaManualCommit.class);
        if (commit == null) {
            throw new IllegalStateException("no " + KafkaConstants.MANUAL_COMMIT + " header: allowManualCommit is off");
        }
        commit.commit();
    }
}
