package org.spagateway.seg.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.network.ClientTls;
import org.spagateway.test.harness.TestPki;

class ExportTlsTest {

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static TestPki.Issued gateway;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create(dir, "export-ca");
        gateway = pki.issue("spa-gateway");
    }

    @Test
    void readsNoTlsSettingsWhenNoDestinationUsesTls() {
        ExportConfig config = ExportConfig.from(ConfigSource.of(destination("false", Map.of())));

        assertThat(config.destinations().get(0).tls()).isFalse();
        assertThat(config.tls()).isEmpty();
    }

    @Test
    void verifiesTheDestinationsHostOverTls13And12ByDefault() {
        ExportConfig config = ExportConfig.from(ConfigSource.of(destination("true", stores())));

        assertThat(config.destinations().get(0).tls()).isTrue();
        ClientTls tls = config.tls().orElseThrow();
        assertThat(tls.verifyHostname()).isTrue();
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(config.forDestination(config.destinations().get(0)).tls()).isPresent();
    }

    @Test
    void refusesToStartWithoutATrustStoreOrWithAWrongPassword() {
        Map<String, String> noTrust = new HashMap<>(stores());
        noTrust.remove(ExportTls.TRUST_STORE);
        assertInvalid(ExportTls.TRUST_STORE, noTrust, "required");
        Map<String, String> wrong = new HashMap<>(stores());
        wrong.put(ExportTls.KEY_STORE_PASSWORD, "wrong");
        assertInvalid(ExportTls.KEY_STORE, wrong, "wrong password");
        Map<String, String> missing = new HashMap<>(stores());
        missing.put(ExportTls.TRUST_STORE, dir.resolve("absent.p12").toString());
        assertInvalid(ExportTls.TRUST_STORE, missing, "does not exist");
        Map<String, String> old = new HashMap<>(stores());
        old.put(ExportTls.PROTOCOLS, "TLSv1");
        assertInvalid(ExportTls.PROTOCOLS, old, "TLSv1");
    }

    private static void assertInvalid(String key, Map<String, String> tls, String problem) {
        assertThatThrownBy(() -> ExportConfig.from(ConfigSource.of(destination("true", tls))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(problem);
    }

    private static Map<String, String> stores() {
        return Map.of(
                ExportTls.KEY_STORE, gateway.keyStore().toString(),
                ExportTls.KEY_STORE_PASSWORD, TestPki.PASSWORD,
                ExportTls.TRUST_STORE, pki.trustStore().toString(),
                ExportTls.TRUST_STORE_PASSWORD, TestPki.PASSWORD);
    }

    private static Map<String, String> destination(String tls, Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "spa.export.destinations", "pacs",
                "spa.export.destination.pacs.ae-title", "PACS",
                "spa.export.destination.pacs.host", "pacs.hospital.local",
                "spa.export.destination.pacs.port", "2762",
                "spa.export.destination.pacs.tls", tls));
        properties.putAll(more);
        return properties;
    }
}
