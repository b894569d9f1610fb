package org.spagateway.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * Options of the all-in-one launcher itself (the services' options live with each service).
 *
 * @param embeddedKafka  start the in-process KRaft broker and point every client at it
 * @param demoEnabled    send a synthetic study through the listener once everything is up
 * @param demoTask       which synthetic study the demo sends: {@code fundus} or {@code ct}
 * @param demoTimeout    how long the demo waits for the study's events on Kafka
 * @param exitAfterDemo  stop once the demo has finished instead of running until interrupted
 * @param demoDir        where the demo writes its synthetic study before sending it
 * @param fhirEmbedded   start the in-process HAPI FHIR JPA server and point the FHIR adapter at it
 * @param fhirAdapter    start the FHIR adapter (writes ImagingStudy and AuditEvent resources)
 * @param listener       start the DICOM listener (it publishes what it receives itself)
 * @param routes         start the Camel services: study routing, SEG export, reporting API
 */
public record AllInOneConfig(boolean embeddedKafka, boolean demoEnabled, String demoTask, Duration demoTimeout,
                             boolean exitAfterDemo, Path demoDir, boolean fhirEmbedded, boolean fhirAdapter,
                             boolean listener, boolean routes) {

    public static final String EMBEDDED_KAFKA = "spa.kafka.embedded.enabled";
    public static final String DEMO_ENABLED = "spa.demo.enabled";
    public static final String DEMO_TASK = "spa.demo.task";
    public static final String DEMO_TIMEOUT = "spa.demo.timeout";
    public static final String EXIT_AFTER_DEMO = "spa.demo.exit-after";
    public static final String DEMO_DIR = "spa.demo.work-dir";
    public static final String FHIR_EMBEDDED = "spa.fhir.embedded.enabled";
    public static final String FHIR_ADAPTER = "spa.fhir.adapter.enabled";
    public static final String LISTENER = "spa.listener.enabled";
    public static final String ROUTES = "spa.routes.enabled";

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(EMBEDDED_KAFKA, "true",
                    "Start the embedded single-node KRaft Kafka broker; false = use spa.kafka.bootstrap-servers."),
            new ConfigOption(DEMO_ENABLED, "true",
                    "Send a synthetic demo study to the listener with dcmtk storescu once the gateway is up."),
            new ConfigOption(DEMO_TASK, "fundus", "Synthetic demo study: fundus (modality OP) or ct (CT slices)."),
            new ConfigOption(DEMO_TIMEOUT, "60s", "How long the demo waits for the study's events on Kafka."),
            new ConfigOption(EXIT_AFTER_DEMO, "false",
                    "Stop the gateway after the demo instead of running until interrupted (Ctrl-C)."),
            new ConfigOption(DEMO_DIR, "var/demo", "Folder the demo writes its synthetic study to before sending it."),
            new ConfigOption(FHIR_EMBEDDED, "true",
                    "Start the embedded HAPI FHIR JPA server (spa.fhir.server.*; the all-in-one profile stores it in"
                            + " H2 under var/fhir) and point the FHIR adapter at it; false = no FHIR server in this JVM."),
            new ConfigOption(FHIR_ADAPTER, "true",
                    "Start the FHIR adapter: writes the events as ImagingStudy and AuditEvent resources to the"
                            + " embedded server, or to spa.fhir.base-url when spa.fhir.embedded.enabled=false."),
            new ConfigOption(LISTENER, "true",
                    "Start the DICOM listener (it publishes StudyReceived to Kafka itself). With the switches of the"
                            + " other services (spa.routes.enabled, spa.worker.enabled, spa.profiles.enabled,"
                            + " spa.fhir.adapter.enabled)"
                            + " one image runs any subset of the services: docker-compose.yml runs each on its own."),
            new ConfigOption(ROUTES, "true",
                    "Start the Camel services: study routing, SEG export (when spa.export.destinations names one) and"
                            + " the reporting API (choice API, choice topic, webhooks)."));

    public static AllInOneConfig from(ConfigSource source) {
        String task = source.string(DEMO_TASK, "fundus");
        if (!List.of("fundus", "ct").contains(task)) {
            throw new ConfigException(DEMO_TASK, "'" + task + "' is not fundus or ct");
        }
        boolean listener = source.bool(LISTENER, true);
        boolean routes = source.bool(ROUTES, true);
        boolean demo = source.bool(DEMO_ENABLED, true);
        if (demo && !listener) {
            throw new ConfigException(DEMO_ENABLED, "the demo sends its study to the listener; set it to false"
                    + " when " + LISTENER + "=false");
        }
        return new AllInOneConfig(
                source.bool(EMBEDDED_KAFKA, true),
                demo,
                task,
                source.duration(DEMO_TIMEOUT, Duration.ofSeconds(60)),
                source.bool(EXIT_AFTER_DEMO, false),
                source.path(DEMO_DIR, "var/demo"),
                source.bool(FHIR_EMBEDDED, true),
                source.bool(FHIR_ADAPTER, true),
                listener,
                routes);
    }
}
