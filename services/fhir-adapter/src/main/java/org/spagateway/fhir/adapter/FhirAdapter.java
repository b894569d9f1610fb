package org.spagateway.fhir.adapter;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.HttpClients;
import org.spagateway.configuration.TrustStore;
import org.spagateway.events.EventCodec;
import org.spagateway.kafka.support.CamelService;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.Pause;

/**
 * The FHIR adapter service: one route per recorded event type (StudyReceived, CandidatesReady, ChoiceApplied,
 * SessionApproved, SegmentationExported, RecordsAccessed), each writing its FHIR transaction to the configured server
 * and committing the offset only after the server stored it; in its own consumer group.
 */
public final class FhirAdapter implements CamelService {

    private final FhirAdapterConfig config;
    private final IGenericClient client;
    private final EventCodec codec;
    private final FhirWriteMetrics metrics;

    /**
     * @param fhirContext the JVM's one R4 context
     * @param metrics     the process's registry: the writes' latency and failures ({@link FhirWriteMetrics})
     */
    public FhirAdapter(FhirAdapterConfig config, FhirContext fhirContext, EventCodec codec, MeterRegistry metrics) {
        this.config = config;
        this.client = newClient(config, fhirContext);
        this.codec = codec;
        this.metrics = new FhirWriteMetrics(metrics);
    }

    @Override
    public void addRoutes(CamelContext context, KafkaConfig shared) throws Exception {
        KafkaConfig kafka = config.kafka(shared);
        KafkaEndpoints endpoints = new KafkaEndpoints(kafka);
        FhirWriteAttempts writes = new FhirWriteAttempts(client, config.refusalRetry(), Pause.SLEEP, Jitter.EQUAL,
                metrics);
        context.addRoutes(new FhirRecordingRoute(FhirRecordingRoute.STUDY_RECEIVED_ROUTE_ID,
                EventRecorder.studyReceived(codec, writes), "-producer", endpoints, config, kafka));
        context.addRoutes(new FhirRecordingRoute(FhirRecordingRoute.CANDIDATES_READY_ROUTE_ID,
                EventRecorder.candidatesReady(codec, writes), "-candidates-producer", endpoints, config, kafka));
        context.addRoutes(new FhirRecordingRoute(FhirRecordingRoute.CHOICE_APPLIED_ROUTE_ID,
                EventRecorder.choiceApplied(codec, writes), "-choices-producer", endpoints, config, kafka));
        context.addRoutes(new FhirRecordingRoute(FhirRecordingRoute.SESSION_APPROVED_ROUTE_ID,
                EventRecorder.sessionApproved(codec, writes), "-approvals-producer", endpoints, config, kafka));
        context.addRoutes(new FhirRecordingRoute(FhirRecordingRoute.SEGMENTATION_EXPORTED_ROUTE_ID,
                EventRecorder.segmentationExported(codec, writes), "-exports-producer", endpoints, config, kafka));
        context.addRoutes(new FhirRecordingRoute(FhirRecordingRoute.RECORDS_ACCESSED_ROUTE_ID,
                EventRecorder.recordsAccessed(codec, writes), "-access-producer", endpoints, config, kafka));
    }

    @Override
    public String describe() {
        return "FHIR " + config.baseUrl();
    }

    /**
     * A client that never asks the server for its CapabilityStatement first: the adapter must start, and wait, while
     * the FHIR server is down. With a trust store, the HTTP client's TLS trusts exactly those CAs (host names verified
     * as always). HAPI takes each request's HTTP client from the context's factory, not the client's: the settings
     * apply to every client of {@code fhirContext}, so a process has one FHIR client configuration per context.
     */
    static IGenericClient newClient(FhirAdapterConfig config, FhirContext fhirContext) {
        IRestfulClientFactory factory = fhirContext.getRestfulClientFactory();
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setConnectTimeout((int) config.connectTimeout().toMillis());
        factory.setSocketTimeout((int) config.socketTimeout().toMillis());
        Optional<SSLContext> tls = config.trustStore().map(TrustStore::clientContext);
        tls.ifPresent(context -> factory.setHttpClient(HttpClients.custom()
                .setSSLContext(context)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setConnectionRequestTimeout((int) config.connectTimeout().toMillis())
                        .setSocketTimeout((int) config.socketTimeout().toMillis())
                        .build())
                .setMaxConnTotal(factory.getPoolMaxTotal())
                .setMaxConnPerRoute(factory.getPoolMaxPerRoute())
                .disableCookieManagement()
                .build()));
        IGenericClient client = factory.newGenericClient(config.baseUrl().toString());
        client.registerInterceptor(new TraceParentHeader());
        config.bearerToken().ifPresent(token -> client.registerInterceptor(new BearerTokenAuthInterceptor(token)));
        config.oauth2().ifPresent(oauth2 -> client.registerInterceptor(
                new ClientCredentialsToken(oauth2, tls, config.connectTimeout(), Clock.systemUTC())));
        return client;
    }
}
