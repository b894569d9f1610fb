package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
import org.spagateway.kafka.support.GatewayAcls;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked statically against the code: every SPA_*
 * variable and every key of the mounted properties files is an option the services declare, each gateway container
 * states every service switch, together they run every service once, and the volumes they must share are shared;
 * and it opens no door (issue 14): only DICOM is published to the network, no password or token has a default,
 * Orthanc's REST API requires a password, and Kafka speaks SASL_SSL to every service, each as its own user, with the
 * ACLs the code declares.
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

    @Test
    void everyGatewayContainerReachesKafkaOverSaslSslAsItsOwnUser() {
        Set<String> users = new HashSet<>();
        String clientPort = kafkaListeners().get("CLIENT").substring(kafkaListeners().get("CLIENT").lastIndexOf(':'));
        for (String service : gatewayServices()) {
            Map<String, String> environment = environment(service);
            assertThat(environment).as(service).containsEntry("SPA_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .doesNotContainKeys("SPA_KAFKA_SASL_PLAINTEXT_ON_LOOPBACK", "SPA_KAFKA_SSL_HOSTNAME_VERIFICATION")
                    .containsKeys("SPA_KAFKA_SSL_TRUST_STORE", "SPA_KAFKA_SSL_TRUST_STORE_PASSWORD");
            assertThat(environment.get("SPA_KAFKA_BOOTSTRAP_SERVERS")).as(service).endsWith(clientPort);
            assertThat(environment.get("SPA_KAFKA_SASL_PASSWORD")).as(service).matches("\\$\\{[A-Z0-9_]+:\\?[^}]+}");
            assertThat(environment.keySet()).as(service).noneMatch(name -> name.startsWith("SPA_KAFKA_PROPERTIES_"));
            assertThat(users.add(environment.get("SPA_KAFKA_SASL_USERNAME"))).as("%s has a Kafka user of its own",
                    service).isTrue();
        }
        GatewayAcls.Principals principals = GatewayAcls.Principals.defaults();
        assertThat(users).containsExactlyInAnyOrder(principals.edge(), principals.worker(), principals.profiles(),
                principals.fhirAdapter());
    }

    @Test
    void kafkaSpeaksPlaintextNowhereAndDeniesWhatNoAclAllows() {
        Map<String, String> kafka = environment("kafka");
        Map<String, String> protocols = new HashMap<>();
        for (String entry : kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            protocols.put(entry.substring(0, entry.indexOf(':')), entry.substring(entry.indexOf(':') + 1));
        }
        assertThat(kafkaListeners()).isNotEmpty().allSatisfy((listener, address) -> {
            assertThat(protocols.get(listener)).as(listener).isNotNull().isNotEqualTo("PLAINTEXT");
            if (!protocols.get(listener).equals("SASL_SSL")) {
                assertThat(protocols.get(listener)).as(listener).isEqualTo("SASL_PLAINTEXT");
                assertThat(address).as("%s, unencrypted, stays on the container's loopback", listener)
                        .startsWith("localhost:");
            }
        });
        assertThat(kafka).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME",
                        "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_SUPER_USERS", "User:admin")
                .containsEntry("KAFKA_LISTENER_NAME_CLIENT_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512");
    }

    @Test
    void provisionsAScramUserPerPrincipalAndTheAclsTheCodeDeclares() throws IOException {
        String provision = Files.readString(ROOT.resolve("deploy/kafka/provision.sh"));
        GatewayAcls.Principals principals = GatewayAcls.Principals.defaults();
        for (String user : List.of(principals.edge(), principals.worker(), principals.profiles(),
                principals.fhirAdapter(), principals.reportingSystem())) {
            assertThat(provision).contains("scram_user " + user + " ");
        }
        List<String> committed = Files.readAllLines(ROOT.resolve("deploy/kafka/acls.sh")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        KafkaAclScript.run(new String[] {"--config", ROOT.resolve("deploy/config/edge.properties").toString(),
                "--bootstrap-server", "kafka:9094", "--command-config", "/tmp/spa-admin.properties"},
                new PrintStream(generated, true, StandardCharsets.UTF_8), Map.of());
        assertThat(committed).as("deploy/kafka/acls.sh is stale: regenerate it with KafkaAclScript (see its header)")
                .isEqualTo(generated.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** Kafka's listeners by name: {@code host:port} ({@code :port} binds every interface). */
    private Map<String, String> kafkaListeners() {
        Map<String, String> listeners = new HashMap<>();
        for (String listener : environment("kafka").get("KAFKA_LISTENERS").split(",")) {
            listeners.put(listener.substring(0, listener.indexOf("://")),
                    listener.substring(listener.indexOf("://") + 3));
        }
        return listeners;
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
