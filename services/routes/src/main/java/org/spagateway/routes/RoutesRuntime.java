package org.spagateway.routes;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.EventCodec;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.dicom.sender.DicomStoreClient;
import org.spagateway.dicom.sender.StoreScu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes service in one object: a started Camel context with the {@code study-received-publisher} and
 * {@code inference-router} routes, and the {@code seg-export} route when export destinations are configured. The
 * all-in-one launcher and the stand-alone service both start it and close it.
 */
public final class RoutesRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesRuntime.class);
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 15;

    private final CamelContext context;
    private final ProducerTemplate template;
    private final StudyReceivedPublisher publisher;
    private final AutoCloseable storeClient;

    private RoutesRuntime(CamelContext context, ProducerTemplate template, AutoCloseable storeClient) {
        this.context = context;
        this.template = template;
        this.publisher = new CamelStudyReceivedPublisher(template);
        this.storeClient = storeClient;
    }

    public static RoutesRuntime start(KafkaConfig kafka, RoutingRules rules) {
        return start(kafka, rules, new EventCodec(), Clock.systemUTC());
    }

    public static RoutesRuntime start(KafkaConfig kafka, RoutingRules rules, EventCodec codec, Clock clock) {
        return start(kafka, rules, disabledExport(), codec, clock);
    }

    /** With the {@code seg-export} route, when {@code export} names at least one destination. */
    public static RoutesRuntime start(KafkaConfig kafka, RoutingRules rules, ExportConfig export) {
        return start(kafka, rules, export, new EventCodec(), Clock.systemUTC());
    }

    public static RoutesRuntime start(KafkaConfig kafka, RoutingRules rules, ExportConfig export, EventCodec codec,
                                      Clock clock) {
        StoreScu storeScu = export.enabled() ? new StoreScu(export.callingAeTitle(), export.storeTimeout()) : null;
        try {
            return start(kafka, rules, export, storeScu, storeScu, codec, clock);
        } catch (RuntimeException e) {
            if (storeScu != null) {
                storeScu.close();
            }
            throw e;
        }
    }

    /** With a given C-STORE client (tests observe the attempts through it); {@code owned} is closed with the routes. */
    static RoutesRuntime start(KafkaConfig kafka, RoutingRules rules, ExportConfig export, DicomStoreClient storeClient,
                               AutoCloseable owned, EventCodec codec, Clock clock) {
        CamelContext context = new DefaultCamelContext();
        try {
            context.getCamelContextExtension().setName("spa-routes");
            context.getShutdownStrategy().setTimeout(SHUTDOWN_TIMEOUT_SECONDS);
            context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
            KafkaEndpoints endpoints = new KafkaEndpoints(kafka);
            context.addComponent("kafka", endpoints.component());
            context.addRoutes(new StudyReceivedPublisherRoute(new StudyReceivedEncoder(codec), endpoints));
            context.addRoutes(new InferenceRouterRoute(
                    new StudyReceivedHandler(codec, new TaskRouter(rules), clock), endpoints));
            if (export.enabled()) {
                context.addRoutes(new SegExportRoute(
                        new SegmentationExportHandler(codec, export, storeClient, Pause.SLEEP, clock), endpoints,
                        export));
            }
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            LOG.info("Routes started on Kafka {} with routing rules {}; SEG export to {}", kafka.bootstrapServers(),
                    rules.names(), export.enabled() ? export.destinations() : "(none)");
            return new RoutesRuntime(context, template, owned);
        } catch (Exception e) {
            context.stop();
            throw new IllegalStateException("cannot start the routes", e);
        }
    }

    private static ExportConfig disabledExport() {
        return ExportConfig.from(ConfigSource.of(Map.of()));
    }

    /** Publishes the listener's StudyReceived events; safe to call from several threads. */
    public StudyReceivedPublisher publisher() {
        return publisher;
    }

    public CamelContext camelContext() {
        return context;
    }

    @Override
    public void close() {
        try {
            template.close();
        } catch (Exception e) {
            LOG.warn("Closing the producer template failed", e);
        }
        context.stop();
        if (storeClient != null) {
            try {
                storeClient.close();
            } catch (Exception e) {
                LOG.warn("Closing the C-STORE client failed", e);
            }
        }
    }
}
