package org.spagateway.preference.profiles;

import java.util.List;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.spagateway.events.EventCodec;
import org.spagateway.kafka.support.DeadLetterCounter;
import org.spagateway.events.Topic;

/**
 * The profiles application as a Processor API topology: {@code spa.choice.applied} (keyed by clinician id, so each
 * clinician's choices arrive in order on one partition and no repartition is needed) into
 * {@link ChoiceAppliedProcessor} with two persistent stores, out to {@code spa.profile.updated} and
 * {@code spa.dead-letter}.
 */
public final class PreferenceProfilesTopology {

    /** {@code <task>|<clinicianId>} to the profile (JSON). */
    public static final String PROFILES_STORE = "preference-profiles";
    /** ChoiceApplied event id to the profile version it produced: a redelivered or duplicated event changes nothing. */
    public static final String APPLIED_CHOICES_STORE = "applied-choices";

    static final String SOURCE = "choice-applied-source";
    static final String PROCESSOR = "profile-update";
    static final String PROFILE_UPDATED_SINK = "profile-updated-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private PreferenceProfilesTopology() {
    }

    public static Topology build(EventCodec codec) {
        return build(codec, new DeadLetterCounter(new CompositeMeterRegistry()));
    }

    /** @param deadLetters where the processor counts the records it dead-letters */
    public static Topology build(EventCodec codec, DeadLetterCounter deadLetters) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topic.CHOICE_APPLIED.name());
        topology.addProcessor(PROCESSOR, () -> new ChoiceAppliedProcessor(codec, deadLetters), SOURCE);
        // Persistent (RocksDB) and logged: Kafka Streams backs each with a compacted changelog topic. The cache
        // collapses repeated updates of one profile between two commits into one changelog record.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROFILES_STORE),
                Serdes.String(), new PreferenceProfileSerde()).withCachingEnabled(), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(APPLIED_CHOICES_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), PROCESSOR);
        topology.addSink(PROFILE_UPDATED_SINK, Topic.PROFILE_UPDATED.name(), new StringSerializer(),
                new ByteArraySerializer(), PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, Topic.DEAD_LETTER.name(), new StringSerializer(),
                new ByteArraySerializer(), PROCESSOR);
        return topology;
    }

    /** The changelog topics Kafka Streams creates for the stores of application {@code applicationId}. */
    public static List<String> changelogTopics(String applicationId) {
        return List.of(applicationId + "-" + PROFILES_STORE + "-changelog",
                applicationId + "-" + APPLIED_CHOICES_STORE + "-changelog");
    }
}
