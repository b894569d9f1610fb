package org.spagateway.reporting.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.EventCodec;
import org.spagateway.kafka.support.CamelService;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.kafka.support.KafkaEventPublisher;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.Pause;
import org.spagateway.sessions.ChoiceValidator;
import org.spagateway.sessions.SessionLedger;

/**
 * The gateway's side that faces reporting systems: when {@code spa.choices.enabled}, the choice API (HTTP) and the
 * {@code choice-topic} route on {@code spa.choice.made}, both recording choices in the session ledger and publishing
 * next-round requests; when webhooks are configured, the {@code webhook-notification} route. Runs beside the other
 * services (all-in-one) or on its own; either way it must use the inference workers' ledger database. The choice API
 * also serves the candidate picker (docs/picker.md): its page, its worklist and images, and the live session events it
 * follows, fed from Kafka by a {@link SessionEventFeed}. Closing it, after its routes have stopped, stops the HTTP
 * server, the Kafka producer and the webhook client (the ledger is its caller's to close).
 */
public final class ReportingApi implements CamelService {

    private static final Logger LOG = LoggerFactory.getLogger(ReportingApi.class);
    /** The interactive backlog is measured at most this often (two admin requests to Kafka). */
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(1);

    private final SessionLedger ledger;
    private final ChoiceApiConfig choices;
    private final NotificationConfig notifications;
    private final EventCodec codec;
    private final Clock clock;
    private final DicomObjectSource objects;
    private final MeterRegistry metrics;
    private Optional<ChoiceApiServer> server = Optional.empty();
    private Optional<KafkaEventPublisher> publisher = Optional.empty();
    private Optional<KafkaInteractiveBacklog> backlog = Optional.empty();
    private Optional<BearerTokenVerifier> verifier = Optional.empty();
    private Optional<SessionEventHub> events = Optional.empty();
    private Optional<SessionEventFeed> feed = Optional.empty();
    private final List<WebhookNotifier> notifiers = new ArrayList<>();

    public ReportingApi(SessionLedger ledger, ChoiceApiConfig choices, NotificationConfig notifications,
                        EventCodec codec, Clock clock) {
        this(ledger, choices, notifications, codec, clock,
                new LedgerDicomObjectSource(ledger.artifacts(), new FileDicomObjectSource()),
                new CompositeMeterRegistry());
    }

    /**
     * @param objects where the candidate picker reads source instances (the edge's {@code file:} storage) and SEGs
     *                (the ledger's database: {@link LedgerDicomObjectSource})
     * @param metrics the process's registry: the choice API's requests ({@link ChoiceApiMetrics})
     */
    public ReportingApi(SessionLedger ledger, ChoiceApiConfig choices, NotificationConfig notifications,
                        EventCodec codec, Clock clock, DicomObjectSource objects, MeterRegistry metrics) {
        this.objects = objects;
        this.metrics = metrics;
        this.ledger = ledger;
        this.choices = choices;
        this.notifications = notifications;
        this.codec = codec;
        this.clock = clock;
    }

    /** Starts the choice API's HTTP server (if enabled) and adds the routes. */
    @Override
    public void addRoutes(CamelContext context, KafkaConfig kafka) throws Exception {
        KafkaEndpoints endpoints = new KafkaEndpoints(kafka);
        for (Webhook webhook : notifications.webhooks()) {
            NotificationConfig own = notifications.forWebhook(webhook);
            WebhookNotifier notifier = new WebhookNotifier(codec, own, Pause.SLEEP, Jitter.EQUAL, Clock.systemUTC());
            notifiers.add(notifier);
            context.addRoutes(new WebhookNotificationRoute(notifier, endpoints, own));
        }
        if (choices.enabled()) {
            publisher = Optional.of(new KafkaEventPublisher(kafka, "choices", codec));
            InteractiveRequestMapper requests = new InteractiveRequestMapper(clock);
            ChoiceIngress ingress = new ChoiceIngress(ledger, new ChoiceValidator(), requests, publisher.get());
            CallerAuthenticator http;
            CallerAuthenticator topic;
            if (choices.auth().jwt()) {
                verifier = Optional.of(BearerTokenVerifier.start(choices.auth()));
                http = verifier.get();
                topic = http;
            } else {
                http = new StaticTokenAuthenticator(choices.apiToken(), choices.clientName());
                topic = CallerAuthenticator.anyone(ChoiceTopicHandler.COMPONENT);
            }
            context.addRoutes(new ChoiceTopicRoute(new ChoiceTopicHandler(codec, ingress, topic), endpoints,
                    choices.consumerGroup()));
            InteractiveBacklog measured = InteractiveBacklog.UNKNOWN;
            if (choices.maxInteractiveBacklog() > 0) {
                KafkaInteractiveBacklog kafkaBacklog = new KafkaInteractiveBacklog(kafka.adminProperties(),
                        choices.workerConsumerGroup(), clock, BACKLOG_REFRESH);
                backlog = Optional.of(kafkaBacklog);
                measured = kafkaBacklog;
            }
            SessionEventHub hub = new SessionEventHub(ledger, choices.events());
            events = Optional.of(hub);
            feed = Optional.of(SessionEventFeed.start(kafka, codec, hub));
            server = Optional.of(ChoiceApiServer.start(choices, new ChoiceApi(choices, http, ingress, ledger, requests,
                    publisher.get(), codec, clock, measured, objects), hub, metrics));
        }
    }

    @Override
    public String describe() {
        String auth = choices.auth().jwt() ? "bearer JWTs of " + choices.auth().issuer()
                : "development mode, static token";
        return "ledger " + ledger.location() + ", choice API " + server.map(api -> api.baseUri() + " (" + auth + ")")
                .orElse("off") + ", webhooks " + (notifications.enabled() ? notifications.webhooks() : "(none)");
    }

    /** The choice API's base URI, e.g. {@code http://127.0.0.1:8090}; empty when choices are disabled. */
    public Optional<String> choiceApiUri() {
        return server.map(ChoiceApiServer::baseUri);
    }

    /** The candidate picker's page, e.g. {@code http://127.0.0.1:8090/picker/}; empty when choices are disabled. */
    public Optional<String> pickerUri() {
        return choiceApiUri().map(uri -> uri + PickerAssets.PREFIX);
    }

    /**
     * Waits until the live session events ({@code GET /events}) follow Kafka: an event published after this returns
     * true reaches the open streams. False when choices are disabled or it took longer than {@code timeout}.
     */
    public boolean awaitLiveEvents(Duration timeout) throws InterruptedException {
        return feed.isPresent() && feed.get().awaitAssigned(timeout);
    }

    @Override
    public void close() {
        // The streams end first, so the HTTP server's graceful stop does not wait on them.
        feed.ifPresent(SessionEventFeed::close);
        events.ifPresent(SessionEventHub::close);
        server.ifPresent(ChoiceApiServer::close);
        verifier.ifPresent(BearerTokenVerifier::close);
        publisher.ifPresent(KafkaEventPublisher::close);
        backlog.ifPresent(KafkaInteractiveBacklog::close);
        notifiers.forEach(WebhookNotifier::close);
        LOG.debug("Reporting-system side stopped");
    }
}
