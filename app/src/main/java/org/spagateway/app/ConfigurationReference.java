package org.spagateway.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.fhir.adapter.FhirAdapterConfig;
import org.spagateway.fhir.embedded.FhirServerConfig;
import org.spagateway.health.HealthConfig;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.dicom.listener.ListenerConfig;
import org.spagateway.preference.profiles.ProfilesConfig;
import org.spagateway.reporting.api.ChoiceApiConfig;
import org.spagateway.seg.export.ExportConfig;
import org.spagateway.reporting.api.NotificationConfig;
import org.spagateway.study.routing.RoutingRules;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.inference.worker.WorkerConfig;

/**
 * Writes docs/configuration.md from the options each module declares, so the reference cannot drift from the code
 * ({@code ConfigurationReferenceTest} fails when it does). Regenerate with
 * {@code java -cp "app/target/spa-gateway-app.jar:app/target/lib/*" org.spagateway.app.ConfigurationReference docs/configuration.md}.
 */
public final class ConfigurationReference {

    private ConfigurationReference() {
    }

    static Map<String, List<ConfigOption>> sections() {
        Map<String, List<ConfigOption>> sections = new LinkedHashMap<>();
        sections.put("DICOM listener (`dicom-listener`)", ListenerConfig.OPTIONS);
        sections.put("Kafka clients (`kafka-support`)", KafkaConfig.OPTIONS);
        sections.put("Topics (`kafka-embedded`, also against external Kafka)", TopicInitializer.OPTIONS);
        sections.put("Inference routing rules (`study-routing`)", RoutingRules.OPTIONS);
        sections.put("Choice ingress: HTTP API and Kafka topic (`reporting-api`)", ChoiceApiConfig.OPTIONS);
        sections.put("Reporting-system webhooks (`reporting-api`)", NotificationConfig.OPTIONS);
        sections.put("SEG export to PACS and DICOMweb (`seg-export`: C-STORE SCU from `dicom-sender`, STOW-RS)",
                ExportConfig.OPTIONS);
        sections.put("Session ledger (`sessions`, shared by the worker and the choice ingress)",
                SessionLedgerConfig.OPTIONS);
        sections.put("Inference worker (`inference-worker`)", WorkerConfig.OPTIONS);
        sections.put("Preference profiles (`preference-profiles`, Kafka Streams)", ProfilesConfig.OPTIONS);
        sections.put("FHIR adapter (`fhir-adapter`)", FhirAdapterConfig.OPTIONS);
        sections.put("Embedded FHIR server (`fhir-embedded`)", FhirServerConfig.OPTIONS);
        sections.put("Embedded Kafka broker (`kafka-embedded`, all-in-one only)", EmbeddedKafkaConfig.OPTIONS);
        sections.put("Health: liveness, readiness and the watchdog (`health`)", HealthConfig.OPTIONS);
        sections.put("All-in-one launcher and demo (`app`)", AllInOneConfig.OPTIONS);
        return sections;
    }

    static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n")
                .append("Generated from the options each module declares (`ConfigurationReference`); do not edit by ")
                .append("hand.\n\n")
                .append("Every option is a property key. Layers, lowest first: built-in defaults (the all-in-one ")
                .append("profile `app/src/main/resources/spa-gateway-all-in-one.properties` when started with ")
                .append("`./spa run`), a properties file given with `--config FILE`, `-Dspa.*` JVM system ")
                .append("properties, then environment variables. The environment name of a key is the key in ")
                .append("upper case with `.` and `-` replaced by `_`: `spa.listener.port` is `SPA_LISTENER_PORT`. ")
                .append("Keys with a `<NAME>` part (per calling AE, per modality, per rule) come from the ")
                .append("properties file. Durations take `500ms`, `30s`, `5m`, `1h` or ISO-8601 (`PT30S`). ")
                .append("Everything is validated at start-up; an error names the key and its environment ")
                .append("variable.\n");
        sections().forEach((title, options) -> {
            out.append("\n## ").append(title).append("\n\n")
                    .append("| key | environment | default | meaning |\n|---|---|---|---|\n");
            for (ConfigOption option : options) {
                String environment = option.key().contains("<") ? "(properties file only)"
                        : "`" + option.environmentName() + "`";
                out.append("| `").append(option.key()).append("` | ").append(environment).append(" | ").append(option.defaultValue().isEmpty() ? "" : "`" + cell(option.defaultValue())
                                + "`")
                        .append(" | ").append(cell(option.description())).append(" |\n");
            }
        });
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace(",", ", ").replace(",  ", ", ");
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
        Files.writeString(target, markdown(), StandardCharsets.UTF_8);
    }
}
