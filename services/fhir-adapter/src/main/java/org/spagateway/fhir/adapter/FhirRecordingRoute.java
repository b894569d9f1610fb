package org.spagateway.fhir.adapter;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.kafka.support.ManualOffsetCommit;
import org.spagateway.kafka.support.RecordFaults;
import org.spagateway.kafka.support.OutboundRecordWriter;

/**
 * An event topic -> {@link EventRecorder} -> dead-letter records, if any -> offset commit. While the FHIR server
 * cannot store a record, the recorder is retried a few times with a delay; then the exchange fails, the offset stays
 * uncommitted and the consumer seeks back and polls the record again.
 */
final class FhirRecordingRoute extends RouteBuilder {

    static final String STUDY_RECEIVED_ROUTE_ID = "fhir-study-received";
    static final String CANDIDATES_READY_ROUTE_ID = "fhir-candidates-ready";
    static final String CHOICE_APPLIED_ROUTE_ID = "fhir-choice-applied";
    static final String SESSION_APPROVED_ROUTE_ID = "fhir-session-approved";
    static final String SEGMENTATION_EXPORTED_ROUTE_ID = "fhir-segmentation-exported";
    static final String RECORDS_ACCESSED_ROUTE_ID = "fhir-records-accessed";
    private static final int MAX_POLL_RECORDS = 20;

    private final String routeId;
    private final EventRecorder<?> recorder;
    private final String deadLetterClientSuffix;
    private final KafkaEndpoints kafka;
    private final FhirAdapterConfig config;
    private final KafkaConfig kafkaConfig;

    FhirRecordingRoute(String routeId, EventRecorder<?> recorder, String deadLetterClientSuffix,
                       KafkaEndpoints kafka, FhirAdapterConfig config, KafkaConfig kafkaConfig) {
        this.routeId = routeId;
        this.recorder = recorder;
        this.deadLetterClientSuffix = deadLetterClientSuffix;
        this.kafka = kafka;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    @Override
    public void configure() {
        onException(FhirServerUnavailableException.class)
                .maximumRedeliveries(config.retryAttempts() - 1)
                .redeliveryDelay(config.retryDelay().toMillis())
                // Jitter: each delay varies by up to 15 %, so adapters that failed together do not retry together.
                .useCollisionAvoidance()
                .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                .logExhausted(false);

        String consumed = recorder.topic().name();
        // Half the send timeout per request, leaving room for a retried request within one send.
        String deadLetters = kafka.producer(Topic.DEAD_LETTER.name(), Topic.DEAD_LETTER.name()
                + deadLetterClientSuffix, kafkaConfig.sendTimeout().dividedBy(2));
        RecordFaults.deadLetterRecordFaults(this, recorder.component(), deadLetters);
        from(kafka.consumer(consumed, consumed, MAX_POLL_RECORDS)).routeId(routeId)
                .bean(recorder, "record(${body}, ${header." + KafkaConstants.KEY + "}, ${header."
                        + KafkaConstants.TOPIC + "})")
                .split(body()).stopOnException()
                    .process(new OutboundRecordWriter())
                    .to(deadLetters)
                .end()
                .process(new ManualOffsetCommit());
    }
}
