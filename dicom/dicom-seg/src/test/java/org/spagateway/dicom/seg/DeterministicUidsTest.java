package org.spagateway.dicom.seg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeterministicUidsTest {

    @Test
    void sameNameGivesTheSameValidUid() {
        String uid = DeterministicUids.uid("round-instance", "1.2.3", "session", "1", "1.0");

        assertThat(uid).isEqualTo(DeterministicUids.uid("round-instance", "1.2.3", "session", "1", "1.0"));
        assertThat(uid).matches("2\\.25\\.(0|[1-9][0-9]*)").hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void partsCannotRunIntoEachOther() {
        assertThat(DeterministicUids.uid("k", "ab", "c")).isNotEqualTo(DeterministicUids.uid("k", "a", "bc"));
        assertThat(DeterministicUids.uid("k", "a")).isNotEqualTo(DeterministicUids.uid("j", "a"));
    }
}
