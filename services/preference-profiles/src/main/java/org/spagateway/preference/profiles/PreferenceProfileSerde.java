package org.spagateway.preference.profiles;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON of a {@link PreferenceProfile} in the {@code preference-profiles} store and its changelog. Jackson writes a
 * double as the shortest decimal that reads back to the same bits, so a profile survives the changelog unchanged.
 */
public final class PreferenceProfileSerde implements Serde<PreferenceProfile> {

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public Serializer<PreferenceProfile> serializer() {
        return (topic, profile) -> {
            if (profile == null) {
                return null;
            }
            try {
                return mapper.writeValueAsBytes(profile);
            } catch (IOException e) {
                throw new SerializationException("cannot write a preference profile", e);
            }
        };
    }

    @Override
    public Deserializer<PreferenceProfile> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return mapper.readValue(bytes, PreferenceProfile.class);
            } catch (IOException e) {
                throw new SerializationException("cannot read a preference profile from " + topic, e);
            }
        };
    }
}
