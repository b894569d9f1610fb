package org.spagateway.preference.profiles;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.kafka.support.KafkaConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code profile-rebuild}: the operator's way to rebuild every preference profile from the choice log. Stop the
 * profiles service (every instance) first; the command wipes its state ({@link ProfileRebuild#wipe()}), then, unless
 * {@code --wipe-only}, runs the application here until it has committed the whole choice log as it stood at the
 * start, and stops. Start the service again afterwards: it continues from the rebuilt state.
 */
@Command(name = "profile-rebuild", mixinStandardHelpOptions = true,
        description = "Rebuild the preference profiles from spa.choice.applied (stop the profiles service first).")
public final class ProfileRebuildCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Properties file with the spa.kafka.* and spa.profiles.* settings"
            + " (then -Dspa.* system properties, then SPA_* environment variables).")
    Path configFile;

    @Option(names = "--wipe-only", description = "Only wipe; the next start of the service replays the choice log.")
    boolean wipeOnly;

    @Option(names = "--timeout", description = "Longest replay, e.g. 30m (default ${DEFAULT-VALUE}).")
    String timeout = "30m";

    @Override
    public Integer call() throws Exception {
        KafkaConfig kafka;
        ProfilesConfig profiles;
        Duration replayTimeout;
        try {
            ConfigSource source = ConfigSource.load(Optional.ofNullable(configFile));
            kafka = KafkaConfig.from(source);
            profiles = ProfilesConfig.from(source);
            replayTimeout = ConfigSource.parseDuration("--timeout", timeout);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        ProfileRebuild.Wipe wipe = new ProfileRebuild(profiles, kafka).wipe();
        System.out.printf("Wiped %s: local state under %s, topics %s, committed offsets %s%n",
                profiles.applicationId(), profiles.stateDir(), wipe.deletedTopics(),
                wipe.deletedOffsets() ? "deleted" : "none");
        if (wipeOnly) {
            return 0;
        }
        long started = System.nanoTime();
        try (Admin admin = Admin.create(kafka.adminProperties());
             ProfilesRuntime runtime = ProfilesRuntime.start(profiles, kafka)) {
            ChoiceLogProgress progress = new ChoiceLogProgress(admin, profiles.applicationId());
            Map<TopicPartition, Long> end = progress.endOffsets();
            if (!progress.awaitCommitted(end, replayTimeout)) {
                System.err.printf("Replay incomplete after %s: %d choices left (state %s)%n", replayTimeout,
                        progress.remaining(end), runtime.state());
                return 1;
            }
            long choices = end.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("Replayed the choice log (%d records) in %.1f s%n", choices,
                    (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProfileRebuildCommand()).execute(args));
    }
}
