package org.spagateway.preference.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spagateway.preference.profiles.ChoiceLog.FUNDUS;
import static org.spagateway.preference.profiles.ChoiceLog.MODEL_VERSION;
import static org.spagateway.preference.profiles.ChoiceLog.NODULE;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.ProfileUpdated;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.DeadLetterCounter;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.sessions.SessionIds;

class PreferenceProfilesTopologyTest {

    private static final String RIVERA = "dr-rivera";
    private static final String OKAFOR = "dr-okafor";

    private final EventCodec codec = new EventCodec();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> choices;
    private TestOutputTopic<String, byte[]> updates;
    private TestOutputTopic<String, byte[]> deadLetters;

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @BeforeEach
    void startDriver() {
        Properties properties = ProfilesStreamsProperties.of(ProfilesConfig.of("topology-test", stateDir),
                KafkaConfig.forBootstrapServers("unused:9092"));
        assertThat(properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(PreferenceProfilesTopology.build(codec,
                new DeadLetterCounter(metrics)), properties);
        choices = driver.createInputTopic(Topic.CHOICE_APPLIED.name(), new StringSerializer(),
                new ByteArraySerializer());
        updates = driver.createOutputTopic(Topic.PROFILE_UPDATED.name(), new StringDeserializer(),
                new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(Topic.DEAD_LETTER.name(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void eachDistinctChoiceAdvancesTheProfileOnceAndRedeliveriesChangeNothing() {
        String session = ChoiceLog.sessionId(RIVERA, FUNDUS, 1);
        EventEnvelope<ChoiceApplied> first = ChoiceLog.candidate(RIVERA, FUNDUS, session, 1, MODEL_VERSION,
                ChoiceLog.estimate(1, 16));
        EventEnvelope<ChoiceApplied> second = ChoiceLog.approve(RIVERA, FUNDUS, session, 2, MODEL_VERSION,
                ChoiceLog.estimate(2, 16));

        pipe(first);
        pipe(first);
        pipe(second);
        pipe(first);
        pipe(second);

        List<EventEnvelope<ProfileUpdated>> events = readUpdates();
        assertThat(events).extracting(e -> e.data().version()).containsExactly(1L, 2L);
        assertThat(profiles().get(PreferenceProfile.storeKey(RIVERA, FUNDUS)).version()).isEqualTo(2);
        assertThat(appliedChoices()).containsOnly(Map.entry(first.eventId(), 1L), Map.entry(second.eventId(), 2L));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void profileUpdatedCarriesTheDeterministicIdAndTheChoicesTimeAndCorrelation() {
        String session = ChoiceLog.sessionId(RIVERA, NODULE, 1);
        EventEnvelope<ChoiceApplied> choice = ChoiceLog.candidate(RIVERA, NODULE, session, 1, MODEL_VERSION,
                ChoiceLog.estimate(7, 16));

        pipe(choice);

        TestRecord<String, byte[]> record = updates.readRecord();
        EventEnvelope<ProfileUpdated> event = codec.decode(new String(record.value(), StandardCharsets.UTF_8),
                EventType.PROFILE_UPDATED);
        assertThat(record.key()).isEqualTo(RIVERA);
        assertThat(event.eventId()).isEqualTo(SessionIds.profileUpdatedEventId(RIVERA, NODULE, 1));
        assertThat(event.occurredAt()).isEqualTo(choice.occurredAt());
        assertThat(event.correlationId()).isEqualTo(choice.correlationId());
        assertThat(event.source()).isEqualTo("/spa-gateway/preference-profiles");
        assertThat(event.subject()).isEqualTo(RIVERA);
        assertThat(event.data().lastChoiceEventId()).isEqualTo(choice.data().choiceEventId());
        assertThat(event.data().pi()).isEqualTo(profiles().get(PreferenceProfile.storeKey(RIVERA, NODULE)).pi());
    }

    @Test
    void rejectAllPublishesANewVersionWithTheSamePi() {
        String session = ChoiceLog.sessionId(RIVERA, FUNDUS, 1);
        pipe(ChoiceLog.candidate(RIVERA, FUNDUS, session, 1, MODEL_VERSION, ChoiceLog.estimate(1, 16)));
        pipe(ChoiceLog.rejectAll(RIVERA, FUNDUS, session, 2, MODEL_VERSION));

        List<EventEnvelope<ProfileUpdated>> events = readUpdates();
        assertThat(events).hasSize(2);
        ProfileUpdated rejected = events.get(1).data();
        assertThat(rejected.version()).isEqualTo(2);
        assertThat(rejected.lastDecision()).isEqualTo(ChoiceDecision.REJECT_ALL);
        assertThat(rejected.rejectionCount()).isEqualTo(1);
        assertThat(rejected.choiceCount()).isEqualTo(1);
        assertThat(rejected.pi()).isEqualTo(events.get(0).data().pi());
    }

    @Test
    void aRejectionBeforeAnyEstimateIsCountedButNotPublished() {
        String session = ChoiceLog.sessionId(OKAFOR, FUNDUS, 1);
        pipe(ChoiceLog.rejectAll(OKAFOR, FUNDUS, session, 1, MODEL_VERSION));

        assertThat(updates.isEmpty()).isTrue();
        assertThat(profiles().get(PreferenceProfile.storeKey(OKAFOR, FUNDUS)).rejectionCount()).isEqualTo(1);

        pipe(ChoiceLog.candidate(OKAFOR, FUNDUS, session, 2, MODEL_VERSION, ChoiceLog.estimate(3, 16)));
        List<EventEnvelope<ProfileUpdated>> events = readUpdates();
        assertThat(events).extracting(e -> e.data().version()).containsExactly(2L);
        assertThat(events.get(0).data().rejectionCount()).isEqualTo(1);
    }

    @Test
    void aNewModelVersionRestartsPiFromItsFirstEstimate() {
        String session = ChoiceLog.sessionId(RIVERA, FUNDUS, 1);
        pipe(ChoiceLog.candidate(RIVERA, FUNDUS, session, 1, MODEL_VERSION, ChoiceLog.estimate(1, 16)));
        pipe(ChoiceLog.candidate(RIVERA, FUNDUS, session, 2, MODEL_VERSION, ChoiceLog.estimate(2, 16)));
        List<Double> newEstimate = ChoiceLog.estimate(3, 8);
        pipe(ChoiceLog.candidate(RIVERA, FUNDUS, ChoiceLog.sessionId(RIVERA, FUNDUS, 2), 1, "2.0.0", newEstimate));

        ProfileUpdated latest = readUpdates().get(2).data();
        assertThat(latest.modelVersion()).isEqualTo("2.0.0");
        assertThat(latest.version()).isEqualTo(3);
        assertThat(latest.choiceCount()).isEqualTo(1);
        assertThat(latest.pi()).isEqualTo(ProfileUpdate.normalised(newEstimate.stream()
                .mapToDouble(Double::doubleValue).toArray()));
    }

    @Test
    void profilesOfOneClinicianAreKeptPerTask() {
        pipe(ChoiceLog.candidate(RIVERA, FUNDUS, ChoiceLog.sessionId(RIVERA, FUNDUS, 1), 1, MODEL_VERSION,
                ChoiceLog.estimate(1, 16)));
        pipe(ChoiceLog.candidate(RIVERA, NODULE, ChoiceLog.sessionId(RIVERA, NODULE, 1), 1, MODEL_VERSION,
                ChoiceLog.estimate(2, 16)));

        assertThat(readUpdates()).extracting(e -> e.data().task() + " v" + e.data().version())
                .containsExactly(FUNDUS + " v1", NODULE + " v1");
    }

    @Test
    void unreadableAndUnusableRecordsAreDeadLetteredWithAReasonAndTheStreamGoesOn() {
        String session = ChoiceLog.sessionId(RIVERA, FUNDUS, 1);
        EventEnvelope<ChoiceApplied> valid = ChoiceLog.candidate(RIVERA, FUNDUS, session, 1, MODEL_VERSION,
                ChoiceLog.estimate(1, 16));
        String validJson = codec.encode(valid);
        choices.pipeInput(RIVERA, "{not json".getBytes(StandardCharsets.UTF_8));
        choices.pipeInput(RIVERA, (byte[]) null);
        choices.pipeInput(RIVERA, validJson.replace("org.spagateway.choice.applied", "org.spagateway.choice.made")
                .getBytes(StandardCharsets.UTF_8));
        choices.pipeInput(RIVERA, validJson.replace("\"round\":1", "\"round\":0").getBytes(StandardCharsets.UTF_8));
        choices.pipeInput(OKAFOR, validJson.getBytes(StandardCharsets.UTF_8));
        pipe(valid);
        pipe(ChoiceLog.candidate(RIVERA, FUNDUS, session, 2, MODEL_VERSION, ChoiceLog.estimate(2, 4)));
        pipe(ChoiceLog.candidate(RIVERA, FUNDUS, session, 3, MODEL_VERSION, ChoiceLog.estimate(3, 16)));

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.REASON_CODE)).containsExactly(
                "MALFORMED_JSON", "MALFORMED_JSON", "UNEXPECTED_TYPE", "SCHEMA_INVALID", "KEY_NOT_CLINICIAN",
                "PI_SIZE_MISMATCH");
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topic.CHOICE_APPLIED.name());
            assertThat(header(r, DeadLetterHeaders.COMPONENT)).isEqualTo("preference-profiles");
        });
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(dead.get(4).key()).isEqualTo(OKAFOR);
        assertThat(readUpdates()).extracting(e -> e.data().version()).containsExactly(1L, 2L);
        assertThat(metrics.get(DeadLetterCounter.METRIC).tags("source_topic", Topic.CHOICE_APPLIED.name(),
                "reason_code", "MALFORMED_JSON", "component", "preference-profiles").counter().count()).isEqualTo(2.0);
        assertThat(metrics.get(DeadLetterCounter.METRIC).tag("reason_code", "PI_SIZE_MISMATCH").counter().count())
                .isEqualTo(1.0);
    }

    private void pipe(EventEnvelope<ChoiceApplied> event) {
        choices.pipeInput(event.subject(), codec.encodeBytes(event));
    }

    private List<EventEnvelope<ProfileUpdated>> readUpdates() {
        return updates.readValuesToList().stream()
                .map(value -> codec.<ProfileUpdated>decode(new String(value, StandardCharsets.UTF_8),
                        EventType.PROFILE_UPDATED))
                .toList();
    }

    private KeyValueStore<String, PreferenceProfile> profiles() {
        return driver.getKeyValueStore(PreferenceProfilesTopology.PROFILES_STORE);
    }

    private Map<String, Long> appliedChoices() {
        KeyValueStore<String, Long> store = driver.getKeyValueStore(PreferenceProfilesTopology.APPLIED_CHOICES_STORE);
        try (var all = store.all()) {
            return StreamSupport.stream(((Iterable<KeyValue<String, Long>>) () -> all).spliterator(), false)
                    .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
        }
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
