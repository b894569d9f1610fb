package org.spagateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeterministicIdsTest {

    @Test
    void theSameKindAndPartsAlwaysGiveTheSameIdentifier() {
        assertThat(DeterministicIds.id("session", "req-1", "2.25.7"))
                .isEqualTo(DeterministicIds.id("session", "req-1", "2.25.7"));
        assertThat(DeterministicIds.dicomUid("series", "2.25.7", 3))
                .isEqualTo(DeterministicIds.dicomUid("series", "2.25.7", 3));
    }

    @Test
    void theNameIsTheKindFollowedByLengthPrefixedParts() {
        assertThat(DeterministicIds.name("candidates-ready", "spa-1", 2))
                .isEqualTo("spa-gateway/candidates-ready|5:spa-1|1:2");
        assertThat(DeterministicIds.uuid("candidates-ready", "spa-1", 2))
                .isEqualTo(UUID.nameUUIDFromBytes("spa-gateway/candidates-ready|5:spa-1|1:2".getBytes()));
    }

    @Test
    void partListsThatJoinToTheSameTextStillGiveDifferentIdentifiers() {
        List<List<Object>> tricky = List.of(
                List.of("a|b", "c"), List.of("a", "b|c"), List.of("a", "b", "c"), List.of("ab", "c"),
                List.of("a", "bc"), List.of("abc"), List.of("", "abc"), List.of("abc", ""), List.of(),
                List.of("1:a"), List.of("1", "a"), List.of("|1:a"));
        Set<String> ids = new HashSet<>();
        for (List<Object> parts : tricky) {
            ids.add(DeterministicIds.id("k", parts.toArray()));
        }
        assertThat(ids).hasSize(tricky.size());
    }

    @Test
    void aKindIsAPlainTokenSoItCannotPoseAsParts() {
        assertThatThrownBy(() -> DeterministicIds.id("a|1:b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a|1:b");
        assertThatThrownBy(() -> DeterministicIds.id("Session")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDicomUidIsTheDecimalValueOfTheUuidUnderTheUuidRoot() {
        String uid = DeterministicIds.dicomUid("instance", "2.25.1", 1);
        assertThat(uid).startsWith("2.25.").hasSizeLessThanOrEqualTo(44).matches("2\\.25\\.(0|[1-9][0-9]*)");
        UUID uuid = DeterministicIds.uuid("instance", "2.25.1", 1);
        assertThat(new java.math.BigInteger(uid.substring(5)))
                .isEqualTo(new java.math.BigInteger(uuid.toString().replace("-", ""), 16));
    }

    @Test
    void numbersAreNonNegative() {
        for (int i = 0; i < 1000; i++) {
            assertThat(DeterministicIds.number("seed", i)).isNotNegative();
        }
    }

    @Test
    void aNullPartIsRefusedRatherThanHashedAsTheWordNull() {
        assertThatThrownBy(() -> DeterministicIds.id("k", (Object) null)).isInstanceOf(NullPointerException.class);
    }
}
