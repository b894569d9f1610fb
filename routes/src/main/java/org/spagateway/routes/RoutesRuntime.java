package org.spagateway.routes;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.spagateway.events.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes service in one object: a started Camel context with the {@code study-received-publisher} and
 * {@code inference-router} routes. The all-in-one launcher and the stand-alone service both start it and close it.
 */
public final class RoutesRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesRuntime.class);
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 15;

    private final CamelContext context;
    private final ProducerTemplate template;
    private final StudyReceivedPublisher publisher;

    private RoutesRuntime(CamelContext context, ProducerTemplate template) {
        this.context = context;
        this.template = template;
        this.publisher = new CamelStudyReceivedPublisher(template);
    }

    public static RoutesRuntime start(KafkaConfig kafka, RoutingRules rules) {
        return start(kafka, rules, new EventCodec(), Clock.systemUTC());
    }

    public static RoutesRuntime start(KafkaConfig kafka, RoutingRules rules, EventCodec codec, Clock clock) {
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
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            LOG.info("Routes started on Kafka {} with routing rules {}", kafka.bootstrapServers(), rules.names());
            return new RoutesRuntime(context, template);
        } catch (Exception e) {
            context.stop();
            throw new IllegalStateException("cannot start the routes", e);
        }
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
    }
}
