package org.spagateway.study.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DerivedUidTest {

    @Test
    void derivesTheSameUidFromTheSameName() {
        assertThat(DerivedUid.fromName("study/1")).isEqualTo(DerivedUid.fromName("study/1"));
    }

    @Test
    void derivesDifferentUidsFromDifferentNames() {
        assertThat(DerivedUid.fromName("study/1")).isNotEqualTo(DerivedUid.fromName("study/2"));
    }

    @Test
    void usesTheUuidRootAndFitsTheUidLength() {
        for (int i = 0; i < 200; i++) {
            String uid = DerivedUid.fromName("instance/" + i);
            assertThat(uid).startsWith("2.25.").matches("2\\.25\\.(0|[1-9][0-9]*)");
            assertThat(uid.length()).isLessThanOrEqualTo(64);
        }
    }
}
