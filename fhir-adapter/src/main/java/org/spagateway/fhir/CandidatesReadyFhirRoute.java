package org.spagateway.fhir;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.spagateway.events.Topic;
import org.spagateway.kafkasupport.KafkaEndpoints;
import org.spagateway.kafkasupport.ManualOffsetCommit;
import org.spagateway.kafkasupport.OutboundRecordWriter;

/**
 * {@code spa.candidates.ready} -> {@link CandidatesReadyRecorder} -> dead-letter records, if any -> offset commit.
 * While the FHIR server cannot store a record, the recorder is retried a few times with a delay; then the exchange
 * fails, the offset stays uncommitted and the consumer seeks back and polls the record again.
 */
final class CandidatesReadyFhirRoute extends RouteBuilder {

    static final String ROUTE_ID = "fhir-candidates-ready";
    private static final int MAX_POLL_RECORDS = 20;

    private final CandidatesReadyRecorder recorder;
    private final KafkaEndpoints kafka;
    private final FhirAdapterConfig config;

    CandidatesReadyFhirRoute(CandidatesReadyRecorder recorder, KafkaEndpoints kafka, FhirAdapterConfig config) {
        this.recorder = recorder;
        this.kafka = kafka;
        this.config = config;
    }

    @Override
    public void configure() {
        onException(FhirServerUnavailableException.class)
                .maximumRedeliveries(config.retryAttempts() - 1)
                .redeliveryDelay(config.retryDelay().toMillis())
                .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                .logExhausted(false);

        String consumed = Topic.CANDIDATES_READY.name();
        from(kafka.consumer(consumed, consumed, MAX_POLL_RECORDS)).routeId(ROUTE_ID)
                .bean(recorder, "record(${body}, ${header." + KafkaConstants.KEY + "}, ${header."
                        + KafkaConstants.TOPIC + "})")
                .split(body()).stopOnException()
                    .process(new OutboundRecordWriter())
                    // Half the send timeout per request, leaving room for a retried request within one send.
                    .to(kafka.producer(Topic.DEAD_LETTER.name(), Topic.DEAD_LETTER.name() + "-candidates-producer",
                            config.kafka().sendTimeout().dividedBy(2)))
                .end()
                .process(new ManualOffsetCommit());
    }
}
