package org.spagateway.preference.profiles;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read access to the profiles of a running application (interactive query of the {@code preference-profiles}
 * store). It sees the partitions this instance hosts: every profile on a single node; with several instances, a
 * profile lives on the instance that owns its clinician's partition of {@code spa.choice.applied}.
 */
public final class PreferenceProfileQuery {

    private final KafkaStreams streams;

    PreferenceProfileQuery(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * The clinician's current profile for the task; a profile with an empty pi has seen only REJECT_ALL decisions.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the store is not queryable (during a
     *                                                                   rebalance or restoration): retry
     */
    public Optional<PreferenceProfile> find(String clinicianId, String task) {
        return Optional.ofNullable(store().get(PreferenceProfile.storeKey(clinicianId, task)));
    }

    private ReadOnlyKeyValueStore<String, PreferenceProfile> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(PreferenceProfilesTopology.PROFILES_STORE,
                QueryableStoreTypes.keyValueStore()));
    }
}
