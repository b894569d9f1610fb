package org.spagateway.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.fhir.adapter.FhirAdapterConfig;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.kafka.support.GatewayAcls;
import org.spagateway.kafka.support.KafkaAclCommands;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.preference.profiles.ProfilesConfig;
import org.spagateway.reporting.api.ChoiceApiConfig;
import org.spagateway.reporting.api.NotificationConfig;
import org.spagateway.seg.export.ExportConfig;

/**
 * Prints the {@code kafka-acls.sh} commands that give each of the gateway's principals its rights on a cluster that
 * denies what no ACL allows ({@link GatewayAcls}), with the consumer groups as the services are configured (the same
 * properties file and {@code SPA_*} environment as the services).
 *
 * <pre>
 * java -cp spa-gateway-app.jar org.spagateway.app.KafkaAclScript [--config FILE] [--bootstrap-server HOST:PORT]
 *     [--command-config FILE] [--principal ROLE=USER]...
 * </pre>
 * ROLE is one of edge, worker, profiles, fhir-adapter, reporting-system.
 * Exit code 0, 2 for a usage error.
 */
public final class KafkaAclScript {

    static final String USAGE = "usage: KafkaAclScript [--config FILE] [--bootstrap-server HOST:PORT]"
            + " [--command-config FILE] [--principal ROLE=USER]...";
    private static final Set<String> ROLES = Set.of("edge", "worker", "profiles", "fhir-adapter", "reporting-system");

    private KafkaAclScript() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.getenv()));
    }

    static int run(String[] args, PrintStream out, Map<String, String> environment) {
        Optional<Path> config = Optional.empty();
        String bootstrap = "kafka:9093";
        String commandConfig = "admin.properties";
        Map<String, String> principals = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                return usage(out, "missing value of " + args[i]);
            }
            String name = args[i];
            String value = args[++i];
            switch (name) {
                case "--config" -> config = Optional.of(Path.of(value));
                case "--bootstrap-server" -> bootstrap = value;
                case "--command-config" -> commandConfig = value;
                case "--principal" -> {
                    int equals = value.indexOf('=');
                    if (equals < 1 || !ROLES.contains(value.substring(0, equals))) {
                        return usage(out, "--principal takes ROLE=USER, ROLE one of " + ROLES);
                    }
                    principals.put(value.substring(0, equals), value.substring(equals + 1));
                }
                default -> {
                    return usage(out, "unknown argument: " + name);
                }
            }
        }
        ConfigSource source;
        try {
            source = new ConfigSource(config.map(ConfigSource::readProperties).orElse(Map.of()), environment);
        } catch (ConfigException e) {
            return usage(out, e.getMessage());
        }
        KafkaAclCommands.lines(GatewayAcls.bindings(principals(principals), groups(source)), bootstrap, commandConfig)
                .forEach(out::println);
        return 0;
    }

    /** The consumer groups the services use with this configuration. */
    static GatewayAcls.ConsumerGroups groups(ConfigSource source) {
        return new GatewayAcls.ConsumerGroups(
                source.string(KafkaConfig.CONSUMER_GROUP, KafkaConfig.DEFAULT_CONSUMER_GROUP),
                source.string(ExportConfig.CONSUMER_GROUP, ExportConfig.DEFAULT_CONSUMER_GROUP),
                source.string(NotificationConfig.CONSUMER_GROUP, NotificationConfig.DEFAULT_CONSUMER_GROUP),
                source.string(ChoiceApiConfig.CONSUMER_GROUP, ChoiceApiConfig.DEFAULT_CONSUMER_GROUP),
                source.string(WorkerConfig.CONSUMER_GROUP, WorkerConfig.DEFAULT_CONSUMER_GROUP),
                source.string(FhirAdapterConfig.CONSUMER_GROUP, FhirAdapterConfig.DEFAULT_CONSUMER_GROUP),
                source.string(ProfilesConfig.APPLICATION_ID, ProfilesConfig.DEFAULT_APPLICATION_ID));
    }

    private static GatewayAcls.Principals principals(Map<String, String> given) {
        GatewayAcls.Principals defaults = GatewayAcls.Principals.defaults();
        return new GatewayAcls.Principals(given.getOrDefault("edge", defaults.edge()),
                given.getOrDefault("worker", defaults.worker()), given.getOrDefault("profiles", defaults.profiles()),
                given.getOrDefault("fhir-adapter", defaults.fhirAdapter()),
                given.getOrDefault("reporting-system", defaults.reportingSystem()));
    }

    private static int usage(PrintStream out, String problem) {
        out.println(problem);
        out.println(USAGE);
        return 2;
    }
}
