package org.spagateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PatientPseudonymTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final PatientPseudonym pseudonyms = new PatientPseudonym(KEY);

    @Test
    void namesOnePatientAlikeInEveryStudy() {
        assertThat(pseudonyms.of("HOSP", "PAT-1", "1.2.3")).isEqualTo(pseudonyms.of("HOSP", "PAT-1", "1.2.4"))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void tellsPatientsAndIssuersApart() {
        String patient = pseudonyms.of("HOSP", "PAT-1", "1.2.3");

        assertThat(pseudonyms.of("HOSP", "PAT-2", "1.2.3")).isNotEqualTo(patient);
        assertThat(pseudonyms.of("OTHER", "PAT-1", "1.2.3")).isNotEqualTo(patient);
        assertThat(pseudonyms.of(null, "PAT-1", "1.2.3")).isNotEqualTo(patient);
        // No shift of characters between issuer and ID gives the same input.
        assertThat(pseudonyms.of("HOS", "PPAT-1", "1.2.3")).isNotEqualTo(patient);
    }

    @Test
    void namesAStudyWithoutPatientIdByTheStudy() {
        assertThat(pseudonyms.of("HOSP", "", "1.2.3")).isEqualTo(pseudonyms.of(null, null, "1.2.3"))
                .isNotEqualTo(pseudonyms.of(null, null, "1.2.4"))
                .isNotEqualTo(pseudonyms.of(null, "1.2.3", "9.9"));
    }

    @Test
    void dependsOnTheKeyAndIsNoPlainHash() throws Exception {
        byte[] otherKey = Arrays.copyOf(KEY, KEY.length);
        otherKey[0] ^= 1;

        assertThat(new PatientPseudonym(otherKey).of("HOSP", "PAT-1", "1.2.3"))
                .isNotEqualTo(pseudonyms.of("HOSP", "PAT-1", "1.2.3"));
        // Without the key, HMAC over the bare identifier (the obvious guess) gives something else.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        assertThat(java.util.HexFormat.of().formatHex(mac.doFinal("PAT-1".getBytes(StandardCharsets.UTF_8))))
                .isNotEqualTo(pseudonyms.of("HOSP", "PAT-1", "1.2.3"));
    }

    @Test
    void refusesShortKeysAndNeverPrintsTheKey() {
        assertThatThrownBy(() -> new PatientPseudonym(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThat(pseudonyms.toString()).doesNotContain("0123456789abcdef");
    }
}
