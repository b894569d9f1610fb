package org.spagateway.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.test.harness.TestPki;

class TlsStoresTest {

    private static final char[] PASSWORD = TestPki.PASSWORD.toCharArray();

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static TestPki.Issued issued;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create(dir, "stores-ca");
        issued = pki.issue("gateway");
    }

    @Test
    void loadsAKeyStoreAndATrustStore() {
        assertThat(TlsStores.keyManagers(issued.keyStore(), PASSWORD)).isNotEmpty();
        assertThat(TlsStores.trustManagers(pki.trustStore(), PASSWORD)).isNotEmpty();
    }

    @Test
    void saysWhenAStoreIsMissing() {
        assertThatThrownBy(() -> TlsStores.keyManagers(dir.resolve("absent.p12"), PASSWORD))
                .hasMessageContaining("key store").hasMessageContaining("absent.p12")
                .hasMessageContaining("does not exist");
    }

    @Test
    void saysWhenThePasswordIsWrong() {
        assertThatThrownBy(() -> TlsStores.keyManagers(issued.keyStore(), "wrong".toCharArray()))
                .hasMessageContaining("wrong password");
        assertThatThrownBy(() -> TlsStores.trustManagers(pki.trustStore(), "wrong".toCharArray()))
                .hasMessageContaining("wrong password");
    }

    @Test
    void saysWhenAFileIsNotPkcs12() throws Exception {
        Path pem = Files.copy(issued.certificatePem(), dir.resolve("cert-as-store.p12"));

        assertThatThrownBy(() -> TlsStores.trustManagers(pem, PASSWORD)).hasMessageContaining("PKCS#12");
    }

    @Test
    void refusesATrustStoreAsKeyStore() {
        assertThatThrownBy(() -> TlsStores.keyManagers(pki.trustStore(), PASSWORD))
                .hasMessageContaining("holds no private key");
    }
}
