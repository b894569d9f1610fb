package org.spagateway.preference.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.events.ChoiceDecision;

class PreferenceProfileSerdeTest {

    private final PreferenceProfileSerde serde = new PreferenceProfileSerde();

    @Test
    void aProfileReadsBackWithBitIdenticalWeights() {
        List<Double> awkward = List.of(0.1 + 0.2, 1.0 / 3, Double.MIN_VALUE, Math.nextDown(1.0), 0.0,
                Math.ulp(1e-300));
        PreferenceProfile profile = new PreferenceProfile("dr-rivera", "fundus-optic-cup", "1.0.0", 12, awkward, 11,
                1, "choice-1", "spa-1", 3, ChoiceDecision.CANDIDATE);

        PreferenceProfile read = serde.deserializer().deserialize("t",
                serde.serializer().serialize("t", profile));

        assertThat(read).isEqualTo(profile);
        for (int i = 0; i < awkward.size(); i++) {
            assertThat(Double.doubleToRawLongBits(read.pi().get(i)))
                    .isEqualTo(Double.doubleToRawLongBits(awkward.get(i)));
        }
    }

    @Test
    void aProfileWithoutPreferenceHasAnEmptyPi() {
        PreferenceProfile profile = new PreferenceProfile("dr-rivera", "fundus-optic-cup", "1.0.0", 1, List.of(), 0,
                1, "choice-1", "spa-1", 1, ChoiceDecision.REJECT_ALL);

        PreferenceProfile read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", profile));

        assertThat(read.hasPreference()).isFalse();
        assertThat(read).isEqualTo(profile);
    }
}
