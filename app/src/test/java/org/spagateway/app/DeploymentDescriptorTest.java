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
import org.spagateway.sessions.SessionLedgerConfig;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked statically against the code: every SPA_*
 * variable and every key of the mounted properties files is an option the services declare, each gateway container
 * states every service switch, together they run every service once, the volumes they must share are shared and the
 * session ledger is one PostgreSQL database, not a volume;
 * and it opens no door (issue 14): only DICOM is published to the network, no password or token has a default,
 * Orthanc's REST API requires a password, and Kafka speaks SASL_SSL to every service, each as its own user, with the
 * ACLs the code declares. And it would start (issue 15): every folder a named volume is mounted at belongs to the
 * image's user, Kafka keeps its logs on its volume, healthchecks use only what their image has, the images are the
 * versions the code is tested with, every service has a restart policy and a memory limit, and the build context
 * leaves out history, local data and keys.
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

    /**
     * Issue 15: no results folder is shared. The workers' SEGs and round states are in the session ledger's database,
     * where the export and the picker read them; each worker replica keeps its own SEG copies on an anonymous volume
     * (one per container), and the edge mounts nothing at the workers' output root.
     */
    @Test
    void theWorkersFetchSourcesFromTheEdgeOverMutualTlsAndShareNoVolumeWithIt() {
        Set<String> edge = volumes("spa-edge");
        Set<String> worker = volumes("spa-worker");
        assertThat(edge).contains("dicom:/data/dicom").noneMatch(volume -> volume.contains("/data/results"));
        assertThat(worker).contains("/data/results", "/data/source-cache")
                .noneMatch(volume -> volume.contains("/data/dicom"));
        assertThat(environment("spa-edge")).doesNotContainKey("SPA_WORKER_OUTPUT_ROOT");
        Set<String> named = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(named::add);
        assertThat(named).doesNotContain("results");
        Set<String> shared = new HashSet<>(namedVolumeTargets("spa-edge"));
        shared.retainAll(namedVolumeTargets("spa-worker"));
        assertThat(shared).as("volumes the edge and the workers share").isEmpty();
        // The edge's endpoint: HTTPS with client certificates, under the name its certificate carries.
        Map<String, String> edgeEnvironment = environment("spa-edge");
        assertThat(edgeEnvironment).containsEntry("SPA_LISTENER_WADO_ENABLED", "true")
                .containsEntry("SPA_LISTENER_WADO_PUBLIC_BASE_URL", "https://spa-edge:8083")
                .containsKeys("SPA_LISTENER_WADO_TLS_KEY_STORE", "SPA_LISTENER_WADO_TLS_TRUST_STORE");
        assertThat(environment("spa-worker")).containsKeys("SPA_WORKER_SOURCE_CACHE_DIR",
                "SPA_WORKER_SOURCE_TLS_KEY_STORE", "SPA_WORKER_SOURCE_TLS_TRUST_STORE");
        assertThat(ROOT.resolve("deploy/tls/make-demo-certificates.sh")).content()
                .contains("issue spa-edge \"DNS:spa-edge", "issue spa-worker");
        for (String service : gatewayServices()) {
            volumes(service).stream().filter(volume -> volume.startsWith("./")).forEach(volume ->
                    assertThat(ROOT.resolve(volume.substring(2, volume.indexOf(':')))).as(volume).exists());
        }
    }

    /**
     * Issue 15: the ledger is no shared folder. Every container that records or reads sessions (the choice ingress on
     * the edge, every worker replica) names the same PostgreSQL database with its own configuration keys, waits for
     * that database to be healthy, and the database keeps its data on a volume of its own.
     */
    @Test
    void theEdgeAndEveryWorkerShareOneSessionLedgerDatabaseNotAVolume() {
        Set<String> urls = new HashSet<>();
        for (String service : gatewayServices()) {
            Map<String, String> environment = environment(service);
            assertThat(environment).as(service).doesNotContainKey("SPA_SESSIONS_ROOT");
            assertThat(volumes(service)).as(service).noneMatch(volume -> volume.contains("sessions"));
            boolean usesLedger = "true".equals(environment.get("SPA_ROUTES_ENABLED"))
                    || "true".equals(environment.get("SPA_WORKER_ENABLED"));
            if (!usesLedger) {
                continue;
            }
            SessionLedgerConfig ledger = SessionLedgerConfig.from(new ConfigSource(Map.of(), environment));
            assertThat(ledger.embedded()).as("%s uses a database every replica reaches", service).isFalse();
            urls.add(ledger.jdbcUrl());
            java.util.regex.Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)")
                    .matcher(ledger.jdbcUrl());
            assertThat(url.matches()).as(ledger.jdbcUrl()).isTrue();
            String database = url.group(1);
            Map<String, String> postgres = environment(database);
            assertThat(compose.path("services").path(database).path("image").asText()).startsWith("postgres:");
            assertThat(postgres).containsEntry("POSTGRES_DB", url.group(3))
                    .containsEntry("POSTGRES_USER", ledger.username())
                    .containsEntry("POSTGRES_PASSWORD", environment.get("SPA_SESSIONS_JDBC_PASSWORD"));
            assertThat(compose.path("services").path(database).has("healthcheck")).isTrue();
            assertThat(namedVolumeTargets(database)).contains("/var/lib/postgresql/data");
            assertThat(compose.path("services").path(service).path("depends_on").path(database).path("condition")
                    .asText()).as("%s waits for the ledger's database", service).isEqualTo("service_healthy");
        }
        assertThat(urls).as("one ledger for the choice ingress and every worker").hasSize(1);
    }

    @Test
    void theImageIsBuiltFromTheApplicationAndTheShippedModels() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        assertThat(dockerfile).contains("scripts/setup.sh", "app/target/spa-gateway-app.jar", "app/target/lib",
                "/src/models", "DJL_OFFLINE=true");
        assertThat(ROOT.resolve("models/spa-optic-cup.params")).exists();
    }

    /**
     * The image's and the compose file's workers run with the process settings the scripts give every SPA round
     * (scripts/worker-runtime.sh, docs/worker.md): glibc's allocator settings and the JVM's heap pre-touch.
     */
    @Test
    void theImageAndTheComposeWorkerUseTheScriptsWorkerSettings() throws IOException {
        String settings = Files.readString(ROOT.resolve("scripts/worker-runtime.sh"));
        java.util.regex.Matcher tunables = Pattern.compile("SPA_GLIBC_TUNABLES=\"([^\"]+)\"").matcher(settings);
        assertThat(tunables.find()).as("scripts/worker-runtime.sh sets SPA_GLIBC_TUNABLES").isTrue();
        java.util.regex.Matcher image = Pattern.compile("(?m)^ENV\\s+GLIBC_TUNABLES=(\\S+)$")
                .matcher(Files.readString(ROOT.resolve("deploy/Dockerfile")));
        String last = null;
        while (image.find()) {
            last = image.group(1);
        }
        assertThat(last).as("the Dockerfile's last ENV GLIBC_TUNABLES").isEqualTo(tunables.group(1));

        java.util.regex.Matcher javaOptions = Pattern.compile("\\$\\{SPA_WORKER_JAVA_OPTS=([^}]+)}").matcher(settings);
        assertThat(javaOptions.find()).as("scripts/worker-runtime.sh defaults SPA_WORKER_JAVA_OPTS").isTrue();
        List<String> workerOptions = List.of(environment("spa-worker").get("JDK_JAVA_OPTIONS").split("\\s+"));
        assertThat(workerOptions).as("the compose worker's JDK_JAVA_OPTIONS")
                .contains(javaOptions.group(1).split("\\s+"));
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

    /** Where the runtime stage of deploy/Dockerfile creates folders owned by {@code spa}. */
    private static final Pattern OWNED_FOLDERS = Pattern.compile("install -d -o spa -g spa ([^&\\\\\\n]+)");

    @Test
    void everyFolderAGatewayContainerWritesIsOnANamedVolumeTheImageGivesToItsUser() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        assertThat(dockerfile).contains("USER spa");
        java.util.regex.Matcher install = OWNED_FOLDERS.matcher(runtimeStage(dockerfile));
        assertThat(install.find()).as("the runtime stage creates the volumes' folders with install -d -o spa").isTrue();
        Set<String> owned = Set.of(install.group(1).trim().split("\\s+"));
        Map<String, String> imageEnvironment = new HashMap<>();
        Pattern.compile("(\\w+)=(\\S+)").matcher(dockerfile).results()
                .forEach(variable -> imageEnvironment.put(variable.group(1), variable.group(2)));
        for (String service : gatewayServices()) {
            Set<String> mounts = new TreeSet<>(namedVolumeTargets(service));
            mounts.addAll(anonymousVolumeTargets(service));
            // A new volume takes the owner of the image's folder; a folder missing from the image is root's.
            assertThat(owned).as("%s mounts volumes at folders the image gives to spa", service)
                    .containsAll(mounts);
            Map<String, String> environment = environment(service);
            if ("true".equals(environment.get("SPA_WORKER_ENABLED"))) {
                environment.put("DJL_CACHE_DIR", imageEnvironment.get("DJL_CACHE_DIR"));
            }
            environment.forEach((name, value) -> {
                if ((name.startsWith("SPA_") || name.equals("DJL_CACHE_DIR")) && value.startsWith("/")
                        && !value.startsWith("/etc/")) {
                    assertThat(mounts).as("%s writes %s=%s on a volume", service, name, value)
                            .anyMatch(mount -> value.equals(mount) || value.startsWith(mount + "/"));
                }
            });
        }
    }

    @Test
    void kafkaKeepsItsLogsAndMetadataOnItsVolume() {
        Map<String, String> kafka = environment("kafka");
        Set<String> mounts = namedVolumeTargets("kafka");
        List<String> folders = new ArrayList<>(List.of(kafka.getOrDefault("KAFKA_LOG_DIRS", "").split(",")));
        folders.add(kafka.getOrDefault("KAFKA_METADATA_LOG_DIR", ""));
        assertThat(folders).allSatisfy(folder -> assertThat(mounts).as("%s is on the broker's volume", folder)
                .anyMatch(mount -> folder.startsWith(mount + "/")));
    }

    @Test
    void healthchecksUseOnlyWhatTheirImageHasAndWhatIsWaitedOnHasOne() throws IOException {
        String runtime = runtimeStage(Files.readString(ROOT.resolve("deploy/Dockerfile")));
        compose.path("services").fields().forEachRemaining(service -> {
            JsonNode test = service.getValue().path("healthcheck").path("test");
            List<String> command = new ArrayList<>();
            test.forEach(word -> command.add(word.asText()));
            String line = String.join(" ", command);
            String image = service.getValue().path("image").asText();
            if (image.startsWith("hapiproject/hapi:")) {
                // Distroless: no shell, no curl, no wget (hapifhir/hapi-fhir-jpaserver-starter#762).
                assertThat(command).as("the HAPI image has no shell").doesNotContain("CMD-SHELL");
                assertThat(line).as("the HAPI image has no shell, curl or wget")
                        .doesNotContainPattern("\\b(sh|bash|curl|wget)\\b");
            } else if (image.startsWith("spa-gateway:")) {
                assertThat(line).as("%s: every gateway container says whether it is ready", service.getKey())
                        .contains("curl").contains("/health");
                if (line.contains("curl")) {
                    assertThat(runtime).as("%s's healthcheck needs curl in the image", service.getKey())
                            .containsPattern("apt-get install[^\\n]*\\bcurl\\b");
                }
            } else {
                assertThat(line).as("%s: curl and wget are not in every image", service.getKey())
                        .doesNotContainPattern("\\b(curl|wget)\\b");
            }
            service.getValue().path("depends_on").fields().forEachRemaining(dependency -> {
                if ("service_healthy".equals(dependency.getValue().path("condition").asText())) {
                    assertThat(compose.path("services").path(dependency.getKey()).has("healthcheck"))
                            .as("%s waits for %s to be healthy", service.getKey(), dependency.getKey()).isTrue();
                }
            });
        });
    }

    @Test
    void runsTheImageVersionsTheCodeIsTestedWith() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        compose.path("services").fields().forEachRemaining(service -> {
            String image = service.getValue().path("image").asText();
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(image).as(service.getKey()).contains(":");
            assertThat(tag).as("%s is pinned", service.getKey()).isNotEqualTo("latest").matches("v?\\d+\\.\\d+.*");
            if (image.startsWith("apache/kafka:")) {
                assertThat(tag).as("the broker is the clients' Kafka").isEqualTo(pomProperty(pom, "kafka.version"));
            }
            if (image.startsWith("hapiproject/hapi:")) {
                assertThat(tag).as("the FHIR server is the HAPI the adapter is tested with")
                        .startsWith("v" + pomProperty(pom, "hapi-fhir.version") + "-");
            }
        });
    }

    /** What compose does once with a container: a one-shot another service waits to see completed. */
    private boolean isOneShot(String service) {
        List<String> awaited = new ArrayList<>();
        compose.path("services").forEach(other -> other.path("depends_on").fields().forEachRemaining(dependency -> {
            if ("service_completed_successfully".equals(dependency.getValue().path("condition").asText())) {
                awaited.add(dependency.getKey());
            }
        }));
        return awaited.contains(service);
    }

    @Test
    void everyServiceRestartsAndHasAMemoryLimitAndEveryGatewayJvmAHeapWithinIt() {
        Map<String, Long> limits = new HashMap<>();
        compose.path("services").fields().forEachRemaining(service -> {
            String restart = service.getValue().path("restart").asText();
            if (isOneShot(service.getKey())) {
                assertThat(restart).as(service.getKey()).isIn("no", "on-failure");
            } else {
                assertThat(restart).as("%s restarts", service.getKey()).isIn("unless-stopped", "always", "on-failure");
            }
            String limit = service.getValue().path("mem_limit").asText();
            assertThat(limit).as("%s has a memory limit", service.getKey()).matches("\\d+[mg]");
            limits.put(service.getKey(), Long.parseLong(limit.substring(0, limit.length() - 1))
                    * (limit.endsWith("g") ? 1024 : 1));
        });
        for (String service : gatewayServices()) {
            assertThat(environment(service).get("JDK_JAVA_OPTIONS")).as("%s sizes its heap to its limit", service)
                    .matches(".*-XX:MaxRAMPercentage=\\d+(\\.\\d+)?.*");
            if (!"true".equals(environment(service).get("SPA_WORKER_ENABLED"))) {
                assertThat(limits.get("spa-worker")).as("the worker gets more memory than %s", service)
                        .isGreaterThan(limits.get(service));
            }
        }
    }

    @Test
    void theBuildContextLeavesOutHistoryLocalDataKeysAndBuildOutputs() throws IOException {
        List<Pattern> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .peek(line -> assertThat(line).as("no exceptions: %s", line).doesNotStartWith("!"))
                .map(DeploymentDescriptorTest::dockerignorePattern).toList();
        assertThat(List.of(".git/HEAD", "var/demo/study.dcm", "data/dicom/1.2.3/1.dcm", "target/classes/A.class",
                "app/target/spa-gateway-app.jar", "deploy/tls/ca.key", "deploy/tls/spa-edge.p12",
                "deploy/tls/orthanc.pem", "kafka/broker.p12", "scripts/dcmjs/node_modules/dcmjs/index.js",
                "models/baselines/spa-nodule-click.params"))
                .allSatisfy(path -> assertThat(excluded(ignored, path)).as("%s leaves the context", path).isTrue());
        // What the build needs stays: every POM, every main source and resource, the models, the set-up script.
        try (var files = Files.walk(ROOT)) {
            List<String> needed = files.map(file -> ROOT.relativize(file).toString().replace('\\', '/'))
                    .filter(path -> !excluded(ignored, path))
                    .filter(path -> path.endsWith("pom.xml") || path.contains("/src/main/")
                            || path.startsWith("models/") || path.equals("scripts/setup.sh"))
                    .toList();
            assertThat(needed).contains("pom.xml", "app/pom.xml", "scripts/setup.sh", "models/spa-optic-cup.params")
                    .anyMatch(path -> path.startsWith("model/spa-model/src/main/java/org/spagateway/spa/model/data/"));
        }
    }

    @Test
    void theBuildStageInstallsOnlyWhatCompilingNeeds() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        String build = dockerfile.substring(0, dockerfile.indexOf(runtimeStage(dockerfile))).lines()
                .filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n"));
        assertThat(build).contains("scripts/setup.sh --build").doesNotContainPattern("(?i)orthanc|postgres|dcmtk|sudo");
        String setup = Files.readString(ROOT.resolve("scripts/setup.sh"));
        java.util.regex.Matcher packages = Pattern.compile("BUILD_PACKAGES=\\((.*?)\n\\)", Pattern.DOTALL)
                .matcher(setup);
        assertThat(packages.find()).isTrue();
        assertThat(packages.group(1).lines().map(line -> line.replaceAll("#.*", "").trim())
                .filter(line -> !line.isEmpty()).toList())
                .containsExactlyInAnyOrder("libpixelmed-java", "libpixelmed-imageio-java", "libvecmath-java");
    }

    @Test
    void orthancForwardsTheStableStudyAsAWhole() throws IOException {
        String lua = Files.readString(ROOT.resolve("deploy/orthanc/autoroute.lua"));
        assertThat(lua).contains("function OnStableStudy(", "/modalities/spa/store")
                .doesNotContain("OnStoredInstance");
        Map<String, String> orthanc = environment("orthanc");
        Map<String, String> edge;
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("deploy/config/edge.properties"))) {
            edge = ConfigSource.readProperties(reader);
        }
        java.time.Duration quietPeriod = java.time.Duration.parse("PT" + edge
                .getOrDefault("spa.listener.completeness.quiet-period", "10s").toUpperCase(java.util.Locale.ROOT));
        assertThat(Long.parseLong(orthanc.get("ORTHANC__STABLE_AGE")))
                .as("Orthanc waits at least as long as the listener before calling a study complete")
                .isGreaterThanOrEqualTo(quietPeriod.toSeconds());
    }

    /** The Dockerfile from its last {@code FROM}: what the image runs with. */
    private static String runtimeStage(String dockerfile) {
        return dockerfile.substring(dockerfile.lastIndexOf("\nFROM ") + 1);
    }

    private static String pomProperty(String pom, String name) {
        java.util.regex.Matcher property = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(property.find()).as(name).isTrue();
        return property.group(1).trim();
    }

    /** A .dockerignore line as Docker reads it (Go's filepath.Match, from the context's root, plus {@code **}). */
    private static Pattern dockerignorePattern(String line) {
        String pattern = line.startsWith("/") ? line.substring(1) : line;
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**/", i)) {
                regex.append("(.*/)?");
                i += 2;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i += 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** Left out of the context: the path or a folder above it matches a pattern. */
    private static boolean excluded(List<Pattern> ignored, String path) {
        String[] parts = path.split("/");
        for (int i = 1; i <= parts.length; i++) {
            String prefix = String.join("/", java.util.Arrays.copyOf(parts, i));
            if (ignored.stream().anyMatch(pattern -> pattern.matcher(prefix).matches())) {
                return true;
            }
        }
        return false;
    }

    /** Where a service mounts the named volumes of the top-level {@code volumes:} (not bind mounts). */
    private Set<String> namedVolumeTargets(String service) {
        Set<String> named = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(named::add);
        Set<String> targets = new TreeSet<>();
        for (String volume : volumes(service)) {
            String[] parts = volume.split(":");
            if (named.contains(parts[0])) {
                targets.add(parts[1]);
            }
        }
        return targets;
    }

    /** Where a service mounts anonymous volumes (a container path alone: a volume of that container's own). */
    private Set<String> anonymousVolumeTargets(String service) {
        Set<String> targets = new TreeSet<>();
        for (String volume : volumes(service)) {
            if (volume.startsWith("/") && !volume.contains(":")) {
                targets.add(volume);
            }
        }
        return targets;
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
