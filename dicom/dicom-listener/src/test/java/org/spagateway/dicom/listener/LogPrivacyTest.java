package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogPrivacyTest {

    @Test
    void aPeerStringCannotBreakALogLine() {
        assertThat(LogPrivacy.peerText("EVIL\n12:00 INFO forged")).isEqualTo("EVIL?12:00 INFO forged");
        assertThat(LogPrivacy.peerText("A\u001b[31mB\u00e9")).isEqualTo("A?[31mB?");
        assertThat(LogPrivacy.peerText("x".repeat(1000))).hasSize(LogPrivacy.MAX_PEER_TEXT);
        assertThat(LogPrivacy.peerText("STORESCU")).isEqualTo("STORESCU");
    }

    @Test
    void uidsAreHashedUnlessPhiMayBeLogged() {
        assertThat(new LogPrivacy(false).uid("1.2.840.113619.2.55.3")).startsWith("uid#").doesNotContain("113619");
        assertThat(new LogPrivacy(true).uid("1.2.840.113619.2.55.3")).isEqualTo("1.2.840.113619.2.55.3");
    }
}
