package org.spagateway.app;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.listener.DicomListener;
import org.spagateway.dicom.listener.ListenerConfig;
import org.spagateway.dicom.listener.StoredInstanceLocations;
import org.spagateway.events.EventCodec;
import org.spagateway.events.Topic;
import org.spagateway.fhir.adapter.FhirAdapter;
import org.spagateway.fhir.adapter.FhirAdapterConfig;
import org.spagateway.fhir.embedded.EmbeddedFhirServer;
import org.spagateway.fhir.embedded.FhirServerConfig;
import org.spagateway.health.Health;
import org.spagateway.health.HealthChecks;
import org.spagateway.health.HealthChecks.Kind;
import org.spagateway.health.HealthConfig;
import org.spagateway.health.HealthServer;
import org.spagateway.health.LivenessWatchdog;
import org.spagateway.health.MetricsScrape;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.kafka.WorkerRuntime;
import org.spagateway.inference.worker.sources.SourceFetchConfig;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.CamelService;
import org.spagateway.kafka.support.CamelServices;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.KafkaEventPublisher;
import org.spagateway.metrics.ConsumerLagMonitor;
import org.spagateway.metrics.MetricsConfig;
import org.spagateway.metrics.ProcessMetrics;
import org.spagateway.preference.profiles.ProfilesConfig;
import org.spagateway.preference.profiles.ProfilesRuntime;
import org.spagateway.reporting.api.ChoiceApiConfig;
import org.spagateway.reporting.api.DicomObjectSource;
import org.spagateway.reporting.api.FileDicomObjectSource;
import org.spagateway.reporting.api.LedgerDicomObjectSource;
import org.spagateway.reporting.api.NotificationConfig;
import org.spagateway.reporting.api.ReportingApi;
import org.spagateway.seg.export.ExportConfig;
import org.spagateway.seg.export.SegExport;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.study.routing.RoutingRules;
import org.spagateway.study.routing.StudyRouting;

/**
 * Every service of the gateway in one JVM, each unless configured off: the embedded Kafka broker, topics, the
 * preference profiles, the embedded HAPI FHIR JPA server and the FHIR adapter, the Camel services (study routing, SEG
 * export to PACS when destinations are configured, the reporting API: choice ingress, webhooks) in the process's one
 * Camel context, the inference worker and the DICOM listener, started in that order and closed in reverse. With the
 * embedded broker and FHIR server off and only some services on, the same launcher runs one service of a distributed
 * deployment (docker-compose.yml). All configuration is validated before anything starts, so a bad option fails
 * fast with the key's name. The JVM's one R4 {@link FhirContext} is {@link FhirContext#forR4Cached()}, shared by the
 * server and the adapter. The process's one metrics registry ({@link ProcessMetrics}) is handed to every service it
 * starts and served on {@code GET /metrics} of the health port, with the consumer lag of the process's groups.
 */
public final class AllInOneGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AllInOneGateway.class);

    private final Deque<AutoCloseable> started;
    private final KafkaConfig kafka;
    private final DicomListener listener;
    private final ListenerConfig listenerConfig;
    private final boolean workerRunning;
    private final Optional<String> fhirBaseUrl;
    private final boolean fhirServerEmbedded;
    private final boolean fhirAdapterRunning;
    private final Optional<ReportingApi> reporting;
    private final HealthChecks health;
    private final MeterRegistry metrics;
    private final Optional<HealthServer> healthServer;

    private AllInOneGateway(Deque<AutoCloseable> started, KafkaConfig kafka, DicomListener listener,
                            ListenerConfig listenerConfig, boolean workerRunning, Optional<String> fhirBaseUrl,
                            boolean fhirServerEmbedded, boolean fhirAdapterRunning, Optional<ReportingApi> reporting,
                            HealthChecks health, MeterRegistry metrics, Optional<HealthServer> healthServer) {
        this.started = started;
        this.kafka = kafka;
        this.listener = listener;
        this.listenerConfig = listenerConfig;
        this.workerRunning = workerRunning;
        this.fhirBaseUrl = fhirBaseUrl;
        this.fhirServerEmbedded = fhirServerEmbedded;
        this.fhirAdapterRunning = fhirAdapterRunning;
        this.reporting = reporting;
        this.health = health;
        this.metrics = metrics;
        this.healthServer = healthServer;
    }

    public static AllInOneGateway start(ConfigSource source) throws Exception {
        AllInOneConfig app = AllInOneConfig.from(source);
        ListenerConfig listenerConfig = ListenerConfig.from(source);
        RoutingRules rules = RoutingRules.from(source);
        ExportConfig export = ExportConfig.from(source);
        WorkerConfig worker = WorkerConfig.from(source);
        SourceFetchConfig sourceFetch = SourceFetchConfig.from(source);
        ChoiceApiConfig choices = ChoiceApiConfig.from(source);
        ProfilesConfig profiles = ProfilesConfig.from(source);
        SessionLedgerConfig sessions = SessionLedgerConfig.from(source);
        NotificationConfig notifications = NotificationConfig.from(source);
        HealthConfig health = HealthConfig.from(source);
        MetricsConfig metricsConfig = MetricsConfig.from(source);
        Optional<EmbeddedKafkaConfig> embedded = app.embeddedKafka()
                ? Optional.of(EmbeddedKafkaConfig.from(source)) : Optional.empty();
        if (embedded.isEmpty()) {
            KafkaConfig.from(source);
        }
        Optional<FhirServerConfig> fhirServerConfig = app.fhirEmbedded()
                ? Optional.of(FhirServerConfig.from(source)) : Optional.empty();
        Optional<FhirAdapterConfig> fhirAdapterConfig = app.fhirAdapter()
                ? Optional.of(FhirAdapterConfig.from(source)) : Optional.empty();

        Deque<AutoCloseable> started = new ArrayDeque<>();
        HealthChecks checks = new HealthChecks();
        Map<String, Set<String>> consumerGroups = new TreeMap<>();
        try {
            Optional<ProcessMetrics> processMetrics = Optional.empty();
            MeterRegistry metrics = new CompositeMeterRegistry();
            if (metricsConfig.enabled()) {
                processMetrics = Optional.of(new ProcessMetrics());
                started.push(processMetrics.get());
                metrics = processMetrics.get().registry();
            }
            ConfigSource effective = source;
            if (embedded.isPresent()) {
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(embedded.get());
                started.push(broker);
                effective = source.with(Map.of(KafkaConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers()));
            }
            KafkaConfig kafka = KafkaConfig.from(effective);
            TopicInitializer.from(effective, kafka.adminProperties()).createMissing(Topic.all());
            if (profiles.enabled()) {
                ProfilesRuntime profilesRuntime = ProfilesRuntime.start(profiles, kafka, metrics);
                started.push(profilesRuntime);
                consumerGroups.put(profiles.applicationId(), Set.of(Topic.CHOICE_APPLIED.name()));
                checks.register("profiles.streams", Kind.LIVENESS, profilesRuntime::health);
            }
            EventCodec codec = new EventCodec();
            Clock clock = Clock.systemUTC();
            List<CamelService> services = new ArrayList<>();
            Optional<String> fhirBaseUrl = Optional.empty();
            if (fhirServerConfig.isPresent() || app.fhirAdapter()) {
                FhirContext fhirContext = FhirContext.forR4Cached();
                if (fhirServerConfig.isPresent()) {
                    EmbeddedFhirServer fhirServer = EmbeddedFhirServer.start(fhirServerConfig.get(), fhirContext);
                    started.push(fhirServer);
                    fhirBaseUrl = Optional.of(fhirServer.baseUrl());
                }
                if (fhirAdapterConfig.isPresent()) {
                    FhirAdapterConfig configured = fhirAdapterConfig.get();
                    Optional<String> writerToken = fhirServerConfig.flatMap(server -> server.access().writerToken());
                    if (writerToken.isPresent() && configured.bearerToken().isEmpty()) {
                        configured = configured.withBearerToken(writerToken.get());
                    }
                    URI baseUrl = fhirBaseUrl.map(URI::create).orElse(configured.baseUrl());
                    services.add(new FhirAdapter(configured.withBaseUrl(baseUrl), fhirContext, codec, metrics));
                    fhirBaseUrl = Optional.of(baseUrl.toString());
                }
            }
            Optional<SessionLedger> ledger = Optional.empty();
            if (app.routes() || worker.enabled()) {
                // One connection pool per process, shared by the choice ingress and the worker; closed after both.
                ledger = Optional.of(sessions.ledger());
                started.push(ledger.get());
                SessionLedger readiness = ledger.get();
                checks.register("ledger.writable", Kind.READINESS, () -> ledgerWritable(readiness));
            }
            Optional<ReportingApi> reporting = Optional.empty();
            if (app.routes()) {
                services.add(new StudyRouting(rules, codec, clock));
                if (export.enabled()) {
                    services.add(new SegExport(export, ledger.orElseThrow().artifacts(), codec, clock, metrics));
                }
                DicomObjectSource sources = app.listener()
                        ? new EdgeDicomObjects(StoredInstanceLocations.of(listenerConfig), new FileDicomObjectSource())
                        : new FileDicomObjectSource();
                reporting = Optional.of(new ReportingApi(ledger.orElseThrow(), choices, notifications, codec, clock,
                        new LedgerDicomObjectSource(ledger.get().artifacts(), sources), metrics));
                services.add(reporting.get());
            }
            if (!services.isEmpty()) {
                CamelServices camel = CamelServices.start("spa-gateway", kafka, services, metrics);
                started.push(camel);
                consumerGroups.putAll(camel.consumerGroups());
                checks.register("camel.routes", Kind.LIVENESS, camel::health);
            }
            Optional<String> choiceApiUri = reporting.flatMap(ReportingApi::choiceApiUri);
            if (worker.enabled()) {
                WorkerRuntime workerRuntime = WorkerRuntime.start(worker, sourceFetch, ledger.orElseThrow(), kafka,
                        metrics);
                started.push(workerRuntime);
                consumerGroups.put(worker.consumerGroup(), Set.of(Topic.INFERENCE_INTERACTIVE.name(),
                        Topic.INFERENCE_REQUESTED.name()));
                checks.register("worker.consumer", Kind.LIVENESS, workerRuntime::health);
            }
            DicomListener listener = null;
            if (app.listener()) {
                KafkaEventPublisher studies = new KafkaEventPublisher(kafka, "listener", codec);
                started.push(studies);
                listener = new DicomListener(listenerConfig, new StudyReceivedKafkaSink(studies, codec, metrics),
                        clock);
                started.push(listener);
                listener.start();
                checks.register("listener.accepting", Kind.LIVENESS, listener::health);
            }
            if (processMetrics.isPresent() && !consumerGroups.isEmpty()) {
                started.push(ConsumerLagMonitor.start(kafka, consumerGroups, metricsConfig.consumerLagPeriod(),
                        metrics));
            }
            Optional<HealthServer> healthServer = Optional.empty();
            if (health.served()) {
                healthServer = Optional.of(HealthServer.start(checks, processMetrics.<MetricsScrape>map(p -> p),
                        health.bindAddress(), health.port()));
                started.push(healthServer.get());
            }
            started.push(LivenessWatchdog.start(checks, health.watchdogPeriod(), health.watchdogFailures(),
                    LivenessWatchdog.SYSTEM_EXIT));
            LOG.info("spa-gateway is up: DICOM {}, Kafka {}, Camel services {}, worker {}, profiles {}, FHIR {},"
                    + " choice API {}", listener == null ? "off" : listenerConfig.aeTitle() + "@"
                    + listenerConfig.bindAddress() + ":" + listener.port(), kafka.bootstrapServers(),
                    app.routes() ? "on" : "off", worker.enabled() ? "on" : "off", profiles.enabled() ? "on" : "off",
                    fhirBaseUrl.orElse("off"), choiceApiUri.orElse("off"));
            return new AllInOneGateway(started, kafka, listener, listenerConfig,
                    worker.enabled(), fhirBaseUrl, fhirServerConfig.isPresent(),
                    app.fhirAdapter(), reporting, checks, metrics, healthServer);
        } catch (Exception | Error e) {
            closeAll(started);
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** How this gateway's services reach Kafka, security included: for more clients of the same cluster. */
    public KafkaConfig kafka() {
        return kafka;
    }

    /** The checks of every service this process runs (served on {@code spa.health.port}). */
    public HealthChecks health() {
        return health;
    }

    /**
     * The registry every service of this process counts in (served on {@code GET /metrics} of the health port); one
     * that keeps nothing when {@code spa.metrics.enabled=false}.
     */
    public MeterRegistry metrics() {
        return metrics;
    }

    /** The port of {@code /health/*} and {@code /metrics}; empty when {@code spa.health.port=-1}. */
    public OptionalInt healthPort() {
        return healthServer.map(server -> OptionalInt.of(server.port())).orElse(OptionalInt.empty());
    }

    /** A committed write to the ledger's database within its timeouts ({@link SessionLedger#probeWritable()}). */
    private static Health ledgerWritable(SessionLedger ledger) {
        try {
            ledger.probeWritable();
            return Health.up("session ledger writable");
        } catch (IOException e) {
            return Health.down("session ledger not writable: " + e.getClass().getSimpleName());
        }
    }

    /** Whether the inference worker runs in this JVM ({@code spa.worker.enabled}). */
    public boolean workerRunning() {
        return workerRunning;
    }

    /**
     * The FHIR R4 base URL the gateway's records go to: the embedded server's, or {@code spa.fhir.base-url} when only
     * the adapter runs; empty when neither runs.
     */
    public Optional<String> fhirBaseUrl() {
        return fhirBaseUrl;
    }

    /** Whether the embedded FHIR server runs in this JVM ({@code spa.fhir.embedded.enabled}). */
    public boolean fhirServerEmbedded() {
        return fhirServerEmbedded;
    }

    /** Whether the FHIR adapter runs in this JVM ({@code spa.fhir.adapter.enabled}). */
    public boolean fhirAdapterRunning() {
        return fhirAdapterRunning;
    }

    /** The choice API's base URI ({@code spa.choices.*}); empty when it is off. */
    public Optional<String> choiceApiUri() {
        return reporting.flatMap(ReportingApi::choiceApiUri);
    }

    /** The candidate picker's page (docs/picker.md); empty when the choice API does not run here. */
    public Optional<String> pickerUri() {
        return reporting.flatMap(ReportingApi::pickerUri);
    }

    /** Whether the DICOM listener runs in this JVM ({@code spa.listener.enabled}). */
    public boolean listenerRunning() {
        return listener != null;
    }

    /** The listener's port; only when {@link #listenerRunning()}. */
    public int dicomPort() {
        if (listener == null) {
            throw new IllegalStateException("the DICOM listener is not running here (spa.listener.enabled=false)");
        }
        return listener.port();
    }

    public String dicomAeTitle() {
        return listenerConfig.aeTitle();
    }

    public String dicomHost() {
        String bind = listenerConfig.bindAddress();
        return "0.0.0.0".equals(bind) || "::".equals(bind) ? "127.0.0.1" : bind;
    }

    /**
     * Stops the listener, then the worker, the Camel services (routing, export, reporting side, FHIR adapter), the FHIR
     * server, the profiles and the broker; safe to call twice.
     */
    @Override
    public synchronized void close() {
        closeAll(started);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
