package org.spagateway.preference.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.spagateway.preference.profiles.ChoiceLog.FUNDUS;
import static org.spagateway.preference.profiles.ChoiceLog.MODEL_VERSION;
import static org.spagateway.preference.profiles.ChoiceLog.NODULE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Utils;
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

class PreferenceProfilesIT {

    private static final List<String> CLINICIANS = List.of("dr-rivera", "dr-okafor", "dr-lindqvist");
    private static final List<String> TASKS = List.of(FUNDUS, NODULE);
    private static final String APPLICATION_ID = "it-preference-profiles";

    @TempDir
    Path directory;

    @Test
    void eachDistinctChoiceAdvancesItsProfileOnceAndARestartOnTheSameStateContinuesWithoutReapplying()
            throws Exception {
        Set<Thread> threadsBefore = KafkaTestClients.nonDaemonThreads();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(directory.resolve("kafka"),
                0))) {
            String bootstrap = broker.bootstrapServers();
            TopicInitializer.forBootstrapServers(bootstrap).createMissing(Topic.all());
            KafkaConfig kafka = KafkaConfig.forBootstrapServers(bootstrap);
            ProfilesConfig config = ProfilesConfig.of(APPLICATION_ID, directory.resolve("state"));

            List<EventEnvelope<ChoiceApplied>> firstChoices = choices(1, 4);
            KafkaTestClients.publish(bootstrap, withDuplicates(firstChoices));
            try (ProfilesRuntime runtime = ProfilesRuntime.start(config, kafka)) {
                KafkaTestClients.awaitChoiceLogCommitted(bootstrap, APPLICATION_ID);
                assertProfiles(runtime, firstChoices);
            }
            assertThat(KafkaTestClients.committedProfileUpdates(bootstrap)).isEqualTo(expectedEvents(firstChoices));
            assertChangelogsAreCompacted(bootstrap);

            // Stopped: more choices arrive, with redeliveries of choices applied before the stop.
            List<EventEnvelope<ChoiceApplied>> laterChoices = choices(5, 2);
            List<EventEnvelope<ChoiceApplied>> replayed = new ArrayList<>(firstChoices.subList(0, 12));
            replayed.addAll(withDuplicates(laterChoices));
            KafkaTestClients.publish(bootstrap, replayed);
            List<EventEnvelope<ChoiceApplied>> allChoices = new ArrayList<>(firstChoices);
            allChoices.addAll(laterChoices);
            try (ProfilesRuntime restarted = ProfilesRuntime.start(config, kafka)) {
                KafkaTestClients.awaitChoiceLogCommitted(bootstrap, APPLICATION_ID);
                assertProfiles(restarted, allChoices);
            }
            assertThat(KafkaTestClients.committedProfileUpdates(bootstrap)).isEqualTo(expectedEvents(allChoices));
        }
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(KafkaTestClients.nonDaemonThreads().stream().filter(t -> !threadsBefore.contains(t))
                        .map(Thread::getName)).as("non-daemon threads left after close").isEmpty());
    }

    @Test
    void theApplicationDoesNotStartWithoutItsTopics() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(directory.resolve("kafka"),
                0))) {
            KafkaConfig kafka = KafkaConfig.forBootstrapServers(broker.bootstrapServers());

            assertThatThrownBy(() -> ProfilesRuntime.start(ProfilesConfig.of(APPLICATION_ID,
                    directory.resolve("state")), kafka))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(Topic.CHOICE_APPLIED.name());
        }
    }

    /** The choices of every clinician on every task for {@code studies} studies, interleaved across clinicians. */
    static List<EventEnvelope<ChoiceApplied>> choices(int firstStudy, int studies) {
        List<List<EventEnvelope<ChoiceApplied>>> perProfile = new ArrayList<>();
        for (String clinician : CLINICIANS) {
            for (String task : TASKS) {
                perProfile.add(ChoiceLog.studies(clinician, task, firstStudy, studies, MODEL_VERSION));
            }
        }
        return ChoiceLog.interleave(perProfile);
    }

    /** Every third event redelivered right away and every fifth again at the end: what a retrying producer does. */
    static List<EventEnvelope<ChoiceApplied>> withDuplicates(List<EventEnvelope<ChoiceApplied>> events) {
        List<EventEnvelope<ChoiceApplied>> sent = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            sent.add(events.get(i));
            if (i % 3 == 0) {
                sent.add(events.get(i));
            }
        }
        for (int i = 0; i < events.size(); i += 5) {
            sent.add(events.get(i));
        }
        return sent;
    }

    /** The profiles the update rule gives for {@code choices}, replayed here without Kafka. */
    static Map<String, PreferenceProfile> expectedProfiles(List<EventEnvelope<ChoiceApplied>> choices) {
        Map<String, PreferenceProfile> profiles = new LinkedHashMap<>();
        for (EventEnvelope<ChoiceApplied> choice : choices) {
            String key = PreferenceProfile.storeKey(choice.data().clinician().id(), choice.data().task());
            profiles.put(key, ProfileUpdate.apply(profiles.get(key), choice.data()));
        }
        return profiles;
    }

    /**
     * The ProfileUpdated events for {@code choices} in the order a read of the topic returns them: partition by
     * partition, each clinician's in the order of their choices.
     */
    static List<EventEnvelope<ProfileUpdated>> expectedEvents(List<EventEnvelope<ChoiceApplied>> choices) {
        Map<String, PreferenceProfile> profiles = new LinkedHashMap<>();
        Map<Integer, List<EventEnvelope<ProfileUpdated>>> byPartition = new TreeMap<>();
        for (EventEnvelope<ChoiceApplied> choice : choices) {
            String key = PreferenceProfile.storeKey(choice.data().clinician().id(), choice.data().task());
            PreferenceProfile next = ProfileUpdate.apply(profiles.get(key), choice.data());
            profiles.put(key, next);
            if (next.hasPreference()) {
                byPartition.computeIfAbsent(partition(choice.subject()), p -> new ArrayList<>())
                        .add(ProfileEventMapper.toEvent(next, choice));
            }
        }
        return byPartition.values().stream().flatMap(List::stream).collect(Collectors.toList());
    }

    /** The default partitioner's choice for a key (murmur2), which Kafka Streams' sink uses too. */
    static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)))
                % Topic.PROFILE_UPDATED.partitions();
    }

    private static void assertProfiles(ProfilesRuntime runtime, List<EventEnvelope<ChoiceApplied>> choices) {
        assertThat(runtime.state()).isEqualTo(KafkaStreams.State.RUNNING);
        Map<String, PreferenceProfile> expected = expectedProfiles(choices);
        assertThat(expected).hasSize(CLINICIANS.size() * TASKS.size());
        for (PreferenceProfile profile : expected.values()) {
            long distinct = choices.stream().filter(c -> c.data().clinician().id().equals(profile.clinicianId())
                    && c.data().task().equals(profile.task())).count();
            assertThat(profile.version()).isEqualTo(distinct);
            assertThat(runtime.find(profile.clinicianId(), profile.task())).contains(profile);
        }
    }

    private static void assertChangelogsAreCompacted(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<ConfigResource> resources = PreferenceProfilesTopology.changelogTopics(APPLICATION_ID).stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            assertThat(resources).allSatisfy(resource ->
                    assertThat(configs.get(resource).get("cleanup.policy").value()).isEqualTo("compact"));
        }
    }
}
