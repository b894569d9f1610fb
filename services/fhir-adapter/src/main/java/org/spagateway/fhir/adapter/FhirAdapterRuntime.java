package org.spagateway.fhir.adapter;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.EventCodec;
import org.spagateway.kafka.support.KafkaEndpoints;

/**
 * The FHIR adapter service in one object: a started Camel context consuming the event topics, one route per topic
 * ({@code spa.study.received}, {@code spa.candidates.ready}, {@code spa.choice.applied}, {@code spa.session.approved},
 * {@code spa.segmentation.exported}, {@code spa.audit.access}), each committing its offsets only after the write.
 */
public final class FhirAdapterRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FhirAdapterRuntime.class);
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 15;

    private final CamelContext context;

    private FhirAdapterRuntime(CamelContext context) {
        this.context = context;
    }

    /** @param fhirContext the JVM's one R4 context */
    public static FhirAdapterRuntime start(FhirAdapterConfig config, FhirContext fhirContext, EventCodec codec) {
        IGenericClient client = newClient(config, fhirContext);
        CamelContext context = new DefaultCamelContext();
        try {
            context.getCamelContextExtension().setName("spa-fhir-adapter");
            context.getShutdownStrategy().setTimeout(SHUTDOWN_TIMEOUT_SECONDS);
            context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
            KafkaEndpoints endpoints = new KafkaEndpoints(config.kafka());
            context.addComponent("kafka", endpoints.component());
            context.addRoutes(new FhirRecordingRoute(FhirRecordingRoute.STUDY_RECEIVED_ROUTE_ID,
                    EventRecorder.studyReceived(codec, client), "-producer", endpoints, config));
            context.addRoutes(new FhirRecordingRoute(FhirRecordingRoute.CANDIDATES_READY_ROUTE_ID,
                    EventRecorder.candidatesReady(codec, client), "-candidates-producer", endpoints, config));
            context.addRoutes(new FhirRecordingRoute(FhirRecordingRoute.CHOICE_APPLIED_ROUTE_ID,
                    EventRecorder.choiceApplied(codec, client), "-choices-producer", endpoints, config));
            context.addRoutes(new FhirRecordingRoute(FhirRecordingRoute.SESSION_APPROVED_ROUTE_ID,
                    EventRecorder.sessionApproved(codec, client), "-approvals-producer", endpoints, config));
            context.addRoutes(new FhirRecordingRoute(FhirRecordingRoute.SEGMENTATION_EXPORTED_ROUTE_ID,
                    EventRecorder.segmentationExported(codec, client), "-exports-producer", endpoints, config));
            context.addRoutes(new FhirRecordingRoute(FhirRecordingRoute.RECORDS_ACCESSED_ROUTE_ID,
                    EventRecorder.recordsAccessed(codec, client), "-access-producer", endpoints, config));
            context.start();
            LOG.info("FHIR adapter started: Kafka {} -> FHIR {}", config.bootstrapServers(), config.baseUrl());
            return new FhirAdapterRuntime(context);
        } catch (Exception e) {
            context.stop();
            throw new IllegalStateException("cannot start the FHIR adapter", e);
        }
    }

    /**
     * A client that never asks the server for its CapabilityStatement first: the adapter must start, and wait, while
     * the FHIR server is down.
     */
    static IGenericClient newClient(FhirAdapterConfig config, FhirContext fhirContext) {
        IRestfulClientFactory factory = fhirContext.getRestfulClientFactory();
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setConnectTimeout((int) config.connectTimeout().toMillis());
        factory.setSocketTimeout((int) config.socketTimeout().toMillis());
        return fhirContext.newRestfulGenericClient(config.baseUrl().toString());
    }

    public CamelContext camelContext() {
        return context;
    }

    @Override
    public void close() {
        context.stop();
    }
}
