package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlsProtocolsTest {

    @Test
    void acceptsTls13AndTls12() {
        assertThat(TlsProtocols.require(List.of("TLSv1.2"))).containsExactly("TLSv1.2");
        assertThat(TlsProtocols.DEFAULT).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void refusesOlderVersionsAndAnEmptyList() {
        assertThatThrownBy(() -> TlsProtocols.require(List.of("TLSv1.2", "TLSv1.1"))).hasMessageContaining("TLSv1.1");
        assertThatThrownBy(() -> TlsProtocols.require(List.of("SSLv3"))).hasMessageContaining("SSLv3");
        assertThatThrownBy(() -> TlsProtocols.require(List.of())).hasMessageContaining("at least one");
    }
}
