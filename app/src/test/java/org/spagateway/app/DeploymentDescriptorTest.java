package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked statically against the code: every SPA_*
 * variable and every key of the mounted properties files is an option the services declare, each gateway container
 * states every service switch, together they run every service once, and the volumes they must share are shared;
 * and it opens no door (issue 14): only DICOM is published to the network, no password or token has a default, and
 * Orthanc's REST API requires a password.
 */
class DeploymentDescriptorTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> SWITCHES = List.of(AllInOneConfig.EMBEDDED_KAFKA, AllInOneConfig.FHIR_EMBEDDED,
            AllInOneConfig.DEMO_ENABLED, AllInOneConfig.LISTENER, AllInOneConfig.ROUTES, "spa.worker.enabled",
            "spa.profiles.enabled", AllInOneConfig.FHIR_ADAPTER);
    private static final List<String> SERVICES = List.of(AllInOneConfig.LISTENER, AllInOneConfig.ROUTES,
            "spa.worker.enabled", "spa.profiles.enabled", AllInOneConfig.FHIR_ADAPTER);

    private final JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml")
            .toFile());

    DeploymentDescriptorTest() throws IOException {
    }

    @Test
    void everySpaVariableIsAnOptionTheServicesDeclare() {
        Map<String, String> known = ConfigurationReference.sections().values().stream().flatMap(List::stream)
                .filter(option -> !option.key().contains("<"))
                .collect(Collectors.toMap(ConfigOption::environmentName, ConfigOption::key, (a, b) -> a));
        for (String service : gatewayServices()) {
            environment(service).keySet().stream().filter(name -> name.startsWith("SPA_")).forEach(name ->
                    assertThat(known).as("%s sets %s", service, name).containsKey(name));
        }
    }

    @Test
    void everyGatewayContainerStatesEveryServiceSwitchAndTogetherTheyRunEachServiceOnce() {
        Map<String, Integer> running = new HashMap<>();
        for (String service : gatewayServices()) {
            Map<String, String> environment = environment(service);
            for (String key : SWITCHES) {
                assertThat(environment).as("%s states %s", service, key)
                        .containsKey(ConfigSource.environmentName(key));
            }
            assertThat(environment.get("SPA_KAFKA_EMBEDDED_ENABLED")).isEqualTo("false");
            assertThat(environment.get("SPA_FHIR_EMBEDDED_ENABLED")).isEqualTo("false");
            assertThat(environment.get("SPA_DEMO_ENABLED")).isEqualTo("false");
            SERVICES.stream().filter(key -> "true".equals(environment.get(ConfigSource.environmentName(key))))
                    .forEach(key -> running.merge(key, 1, Integer::sum));
            // The launcher's own rules (the demo needs the listener) hold for the container's switches.
            AllInOneConfig.from(ConfigSource.of(switches(environment)));
        }
        assertThat(running).containsOnlyKeys(SERVICES).allSatisfy((key, containers) -> assertThat(containers)
                .as(key).isEqualTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/config/edge.properties", "deploy/config/service.properties"})
    void everyKeyOfAMountedPropertiesFileIsADeclaredOption(String file) throws IOException {
        List<Pattern> keys = new ArrayList<>();
        ConfigurationReference.sections().values().stream().flatMap(List::stream).forEach(option -> keys.add(
                Pattern.compile(Pattern.quote(option.key()).replaceAll("<[^>]+>", "\\\\E[^.]+\\\\Q"))));
        Map<String, String> properties;
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(file))) {
            properties = ConfigSource.readProperties(reader);
        }
        assertThat(properties.keySet()).allSatisfy(key -> assertThat(keys).as(key)
                .anyMatch(pattern -> pattern.matcher(key).matches()));
    }

    @Test
    void theWorkerReadsTheListenersStoreAndSharesResultsAndLedgerWithTheEdge() {
        Set<String> edge = volumes("spa-edge");
        Set<String> worker = volumes("spa-worker");
        assertThat(edge).contains("dicom:/data/dicom", "results:/data/results", "sessions:/data/sessions");
        assertThat(worker).contains("dicom:/data/dicom:ro", "results:/data/results", "sessions:/data/sessions");
        for (String service : gatewayServices()) {
            volumes(service).stream().filter(volume -> volume.startsWith("./")).forEach(volume ->
                    assertThat(ROOT.resolve(volume.substring(2, volume.indexOf(':')))).as(volume).exists());
        }
    }

    @Test
    void theImageIsBuiltFromTheApplicationAndTheShippedModels() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        assertThat(dockerfile).contains("scripts/setup.sh", "app/target/spa-gateway-app.jar", "app/target/lib",
                "/src/models", "DJL_OFFLINE=true");
        assertThat(ROOT.resolve("models/spa-optic-cup.params")).exists();
    }

    /** DICOM: peers are admitted by AE title and host. Anything else published must stay on the host's loopback. */
    private static final Set<String> NETWORK_PORTS = Set.of("11112", "4242");
    /** {@code ${VAR...}} that compose substitutes; {@code $${VAR}} is left to the container's shell. */
    private static final Pattern SECRET_VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]*(PASSWORD|TOKEN|SECRET)"
            + "[A-Z0-9_]*)(:?[-?])?");

    @Test
    void publishesOnlyDicomToTheNetworkAndNothingElseBeyondTheHostsLoopback() {
        compose.path("services").fields().forEachRemaining(service -> service.getValue().path("ports")
                .forEach(port -> {
                    String mapping = port.asText();
                    String containerPort = mapping.substring(mapping.lastIndexOf(':') + 1);
                    if (!NETWORK_PORTS.contains(containerPort)) {
                        assertThat(mapping).as("%s publishes %s", service.getKey(), mapping).startsWith("127.0.0.1:");
                    }
                }));
        assertThat(compose.path("services").path("fhir").has("ports")).as("the FHIR server has no authorization")
                .isFalse();
    }

    @Test
    void refusesToStartWithoutEveryPasswordAndTokenInsteadOfADefault() throws IOException {
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));
        java.util.regex.Matcher secrets = SECRET_VARIABLE.matcher(text);
        int found = 0;
        while (secrets.find()) {
            found++;
            assertThat(secrets.group(3)).as("${%s...} must be ${%s:?message}", secrets.group(1), secrets.group(1))
                    .isEqualTo(":?");
        }
        assertThat(found).isGreaterThanOrEqualTo(3);
    }

    @Test
    void orthancsRestApiRequiresAPassword() {
        Map<String, String> orthanc = new HashMap<>();
        compose.path("services").path("orthanc").path("environment").fields()
                .forEachRemaining(entry -> orthanc.put(entry.getKey(), entry.getValue().asText()));
        assertThat(orthanc).containsEntry("ORTHANC__AUTHENTICATION_ENABLED", "true")
                .containsKey("ORTHANC__REGISTERED_USERS");
    }

    private List<String> gatewayServices() {
        List<String> names = new ArrayList<>();
        compose.path("services").fieldNames().forEachRemaining(name -> {
            if (compose.path("services").path(name).path("image").asText().startsWith("spa-gateway:")) {
                names.add(name);
            }
        });
        assertThat(names).isNotEmpty();
        return names;
    }

    private Map<String, String> environment(String service) {
        Map<String, String> environment = new HashMap<>();
        compose.path("services").path(service).path("environment").fields()
                .forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        return environment;
    }

    private Set<String> volumes(String service) {
        Set<String> volumes = new TreeSet<>();
        compose.path("services").path(service).path("volumes").forEach(volume -> volumes.add(volume.asText()));
        return volumes;
    }

    /** The container's service switches as properties (the launcher reads them from the environment). */
    private static Map<String, String> switches(Map<String, String> environment) {
        Map<String, String> properties = new HashMap<>();
        for (String key : SWITCHES) {
            properties.put(key, environment.get(ConfigSource.environmentName(key)));
        }
        return properties;
    }
}
