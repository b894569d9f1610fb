package org.spagateway.preference.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.ProfileUpdated;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import picocli.CommandLine;

class ProfileRebuildIT {

    private static final String APPLICATION_ID = "it-profile-rebuild";

    @TempDir
    Path directory;

    @Test
    void wipingStateAndChangelogsAndReplayingTheChoiceLogGivesIdenticalProfilesAndProfileUpdatedIds()
            throws Exception {
        try (EmbeddedKafkaBroker broker = startBrokerWithTopics()) {
            String bootstrap = broker.bootstrapServers();
            KafkaConfig kafka = KafkaConfig.forBootstrapServers(bootstrap);
            ProfilesConfig config = ProfilesConfig.of(APPLICATION_ID, directory.resolve("state"));
            List<EventEnvelope<ChoiceApplied>> choices = choiceLogWithAModelChange();
            KafkaTestClients.publish(bootstrap, PreferenceProfilesIT.withDuplicates(choices));

            List<Optional<PreferenceProfile>> built;
            try (ProfilesRuntime runtime = ProfilesRuntime.start(config, kafka)) {
                KafkaTestClients.awaitChoiceLogCommitted(bootstrap, APPLICATION_ID);
                built = profiles(runtime);
            }
            List<EventEnvelope<ProfileUpdated>> firstEvents = KafkaTestClients.committedProfileUpdates(bootstrap);
            assertThat(built.subList(0, 6)).allSatisfy(profile -> assertThat(profile).isPresent());
            assertThat(built.subList(6, 8)).as("a clinician without choices").containsOnly(Optional.empty());
            assertThat(firstEvents).isEqualTo(PreferenceProfilesIT.expectedEvents(choices));

            ProfileRebuild.Wipe wipe = new ProfileRebuild(config, kafka).wipe();

            assertThat(wipe.deletedTopics())
                    .containsExactlyInAnyOrderElementsOf(PreferenceProfilesTopology.changelogTopics(APPLICATION_ID));
            assertThat(wipe.deletedOffsets()).isTrue();
            assertThat(directory.resolve("state").resolve(APPLICATION_ID)).satisfiesAnyOf(
                    dir -> assertThat(dir).doesNotExist(),
                    dir -> assertThat(Files.list(dir)).allSatisfy(p -> assertThat(p.getFileName().toString())
                            .doesNotMatch("\\d+_\\d+")));
            assertThat(uncommitted(bootstrap)).isEqualTo(choicesLogged(bootstrap));

            try (ProfilesRuntime rebuilt = ProfilesRuntime.start(config, kafka)) {
                KafkaTestClients.awaitChoiceLogCommitted(bootstrap, APPLICATION_ID);
                assertThat(profiles(rebuilt)).isEqualTo(built);
            }
            List<EventEnvelope<ProfileUpdated>> allEvents = KafkaTestClients.committedProfileUpdates(bootstrap);
            assertThat(reEmitted(allEvents, firstEvents)).isEqualTo(firstEvents);
        }
    }

    @Test
    void aRebuildRefusesWhileTheApplicationRunsAndRebuildFromCodeRestartsIt() throws Exception {
        try (EmbeddedKafkaBroker broker = startBrokerWithTopics()) {
            String bootstrap = broker.bootstrapServers();
            KafkaConfig kafka = KafkaConfig.forBootstrapServers(bootstrap);
            ProfilesConfig config = ProfilesConfig.of(APPLICATION_ID, directory.resolve("state"));
            KafkaTestClients.publish(bootstrap, choiceLogWithAModelChange());

            ProfilesRuntime runtime = ProfilesRuntime.start(config, kafka);
            try {
                KafkaTestClients.awaitChoiceLogCommitted(bootstrap, APPLICATION_ID);
                List<Optional<PreferenceProfile>> built = profiles(runtime);

                assertThatThrownBy(() -> new ProfileRebuild(config, kafka).wipe())
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("stop every instance");
                assertThat(runtime.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(profiles(runtime)).isEqualTo(built);

                runtime = ProfileRebuild.rebuild(runtime, config, kafka);
                KafkaTestClients.awaitChoiceLogCommitted(bootstrap, APPLICATION_ID);
                assertThat(profiles(runtime)).isEqualTo(built);
            } finally {
                runtime.close();
            }
        }
    }

    @Test
    void theRebuildCommandWipesAndReplaysTheChoiceLogSoTheServiceRestartsWithTheSameProfiles() throws Exception {
        try (EmbeddedKafkaBroker broker = startBrokerWithTopics()) {
            String bootstrap = broker.bootstrapServers();
            KafkaConfig kafka = KafkaConfig.forBootstrapServers(bootstrap);
            ProfilesConfig config = ProfilesConfig.of(APPLICATION_ID, directory.resolve("state"));
            KafkaTestClients.publish(bootstrap, choiceLogWithAModelChange());
            List<Optional<PreferenceProfile>> built;
            try (ProfilesRuntime runtime = ProfilesRuntime.start(config, kafka)) {
                KafkaTestClients.awaitChoiceLogCommitted(bootstrap, APPLICATION_ID);
                built = profiles(runtime);
            }
            Path properties = directory.resolve("spa-gateway.properties");
            Files.writeString(properties, String.join("\n",
                    KafkaConfig.BOOTSTRAP_SERVERS + "=" + bootstrap,
                    ProfilesConfig.APPLICATION_ID + "=" + APPLICATION_ID,
                    ProfilesConfig.STATE_DIR + "=" + config.stateDir()));

            int exitCode = new CommandLine(new ProfileRebuildCommand()).execute("--config", properties.toString());

            assertThat(exitCode).isZero();
            assertThat(uncommitted(bootstrap)).as("replayed up to the end of the choice log").isZero();
            try (ProfilesRuntime restarted = ProfilesRuntime.start(config, kafka)) {
                assertThat(profiles(restarted)).isEqualTo(built);
            }
            long published = KafkaTestClients.committedProfileUpdates(bootstrap).size();
            assertThat(published).as("every version published twice: built, then rebuilt")
                    .isEqualTo(2L * PreferenceProfilesIT.expectedEvents(choiceLogWithAModelChange()).size());
        }
    }

    private EmbeddedKafkaBroker startBrokerWithTopics() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(directory.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        return broker;
    }

    /** Four studies per clinician and task under one model, two more under the next, with rejections. */
    private static List<EventEnvelope<ChoiceApplied>> choiceLogWithAModelChange() {
        List<EventEnvelope<ChoiceApplied>> choices = new ArrayList<>(PreferenceProfilesIT.choices(1, 4));
        List<List<EventEnvelope<ChoiceApplied>>> next = new ArrayList<>();
        for (String clinician : List.of("dr-rivera", "dr-okafor", "dr-lindqvist")) {
            for (String task : List.of(ChoiceLog.FUNDUS, ChoiceLog.NODULE)) {
                next.add(ChoiceLog.studies(clinician, task, 5, 2, "1.1.0+77aa01bc"));
            }
        }
        choices.addAll(ChoiceLog.interleave(next));
        return choices;
    }

    private static List<Optional<PreferenceProfile>> profiles(ProfilesRuntime runtime) {
        List<Optional<PreferenceProfile>> profiles = new ArrayList<>();
        for (String clinician : List.of("dr-rivera", "dr-okafor", "dr-lindqvist", "dr-nobody")) {
            for (String task : List.of(ChoiceLog.FUNDUS, ChoiceLog.NODULE)) {
                profiles.add(runtime.find(clinician, task));
            }
        }
        return profiles;
    }

    /** The events after the first run's, per partition: what the rebuild published. */
    private static List<EventEnvelope<ProfileUpdated>> reEmitted(List<EventEnvelope<ProfileUpdated>> all,
                                                                 List<EventEnvelope<ProfileUpdated>> first) {
        List<EventEnvelope<ProfileUpdated>> later = new ArrayList<>();
        for (int partition = 0; partition < Topic.PROFILE_UPDATED.partitions(); partition++) {
            int p = partition;
            List<EventEnvelope<ProfileUpdated>> inPartition = all.stream()
                    .filter(e -> PreferenceProfilesIT.partition(e.subject()) == p).toList();
            long before = first.stream().filter(e -> PreferenceProfilesIT.partition(e.subject()) == p).count();
            later.addAll(inPartition.subList((int) before, inPartition.size()));
        }
        return later;
    }

    private static long uncommitted(String bootstrap) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            ChoiceLogProgress progress = new ChoiceLogProgress(admin, APPLICATION_ID);
            return progress.remaining(progress.endOffsets());
        }
    }

    private static long choicesLogged(String bootstrap) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, Long> end = new ChoiceLogProgress(admin, APPLICATION_ID).endOffsets();
            return end.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
