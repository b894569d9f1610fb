package org.spagateway.routes;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.EventCodec;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.sessions.ChoiceValidator;
import org.spagateway.sessions.SessionLedger;

/**
 * The gateway's side that faces reporting systems, in one object: when {@code spa.choices.enabled}, the choice API
 * (HTTP) and the {@code choice-topic} route on {@code spa.choice.made}, both recording choices in the session ledger
 * and publishing next-round requests through the {@code event-publisher} route; when webhooks are configured, the
 * {@code webhook-notification} route. Runs beside {@link RoutesRuntime} (all-in-one) or on its own; either way it
 * must share the ledger directory with the inference workers. Closing it stops every thread it started.
 */
public final class ReportingSystemRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReportingSystemRuntime.class);
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 15;

    private final CamelContext context;
    private final ProducerTemplate template;
    private final Optional<ChoiceApiServer> server;
    private final Optional<WebhookNotifier> notifier;

    private ReportingSystemRuntime(CamelContext context, ProducerTemplate template, Optional<ChoiceApiServer> server,
                                   Optional<WebhookNotifier> notifier) {
        this.context = context;
        this.template = template;
        this.server = server;
        this.notifier = notifier;
    }

    public static ReportingSystemRuntime start(KafkaConfig kafka, SessionLedger ledger, ChoiceApiConfig choices,
                                               NotificationConfig notifications) {
        return start(kafka, ledger, choices, notifications, new EventCodec(), Clock.systemUTC());
    }

    public static ReportingSystemRuntime start(KafkaConfig kafka, SessionLedger ledger, ChoiceApiConfig choices,
                                               NotificationConfig notifications, EventCodec codec, Clock clock) {
        CamelContext context = new DefaultCamelContext();
        WebhookNotifier notifier = notifications.enabled() ? new WebhookNotifier(codec, notifications, Pause.SLEEP)
                : null;
        ChoiceApiServer server = null;
        try {
            context.getCamelContextExtension().setName("spa-reporting");
            context.getShutdownStrategy().setTimeout(SHUTDOWN_TIMEOUT_SECONDS);
            context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
            KafkaEndpoints endpoints = new KafkaEndpoints(kafka);
            context.addComponent("kafka", endpoints.component());
            if (choices.enabled()) {
                context.addRoutes(new EventPublisherRoute(endpoints));
            }
            if (notifier != null) {
                context.addRoutes(new WebhookNotificationRoute(notifier, endpoints, notifications));
            }
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            if (choices.enabled()) {
                EventPublisher publisher = new CamelEventPublisher(template, codec);
                InteractiveRequestMapper requests = new InteractiveRequestMapper(clock);
                ChoiceIngress ingress = new ChoiceIngress(ledger, new ChoiceValidator(), requests, publisher);
                context.addRoutes(new ChoiceTopicRoute(new ChoiceTopicHandler(codec, ingress), endpoints,
                        choices.consumerGroup()));
                server = ChoiceApiServer.start(choices, new ChoiceApi(choices, ingress, ledger, requests, publisher,
                        codec, clock));
            }
            LOG.info("Reporting-system side started on Kafka {} with ledger {}: choice API {}, webhooks {}",
                    kafka.bootstrapServers(), ledger.root(), server == null ? "off" : server.baseUri(),
                    notifications.enabled() ? notifications.webhooks() : "(none)");
            return new ReportingSystemRuntime(context, template, Optional.ofNullable(server),
                    Optional.ofNullable(notifier));
        } catch (Exception e) {
            if (server != null) {
                server.close();
            }
            context.stop();
            if (notifier != null) {
                notifier.close();
            }
            throw new IllegalStateException("cannot start the reporting-system side (choice API, choice topic,"
                    + " webhooks)", e);
        }
    }

    /** The choice API's base URI, e.g. {@code http://127.0.0.1:8090}; empty when choices are disabled. */
    public Optional<String> choiceApiUri() {
        return server.map(ChoiceApiServer::baseUri);
    }

    public CamelContext camelContext() {
        return context;
    }

    /**
     * Stops taking choices over HTTP first, then the routes (in-flight records finish, and may still publish through
     * the template), then the template and the webhook client.
     */
    @Override
    public void close() {
        server.ifPresent(ChoiceApiServer::close);
        context.stop();
        try {
            template.close();
        } catch (Exception e) {
            LOG.warn("Closing the producer template failed", e);
        }
        notifier.ifPresent(WebhookNotifier::close);
    }
}
