package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.test.harness.TestPki;

class ListenerTlsConfigTest {

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static TestPki.Issued server;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create(dir, "listener-ca");
        server = pki.issue("spa-gateway");
    }

    @Test
    void isOffByDefault() {
        assertThat(ListenerConfig.from(ConfigSource.of(Map.of())).tls()).isEmpty();
    }

    @Test
    void requiresClientCertificatesOverTls13And12ByDefault() {
        ListenerTls tls = ListenerConfig.from(ConfigSource.of(tlsOn(Map.of()))).tls().orElseThrow();

        assertThat(tls.clientAuth()).isEqualTo(ListenerTls.ClientAuth.NEED);
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void refusesToStartWithAMissingStoreOrAWrongPassword() {
        assertInvalid(ListenerTls.KEY_STORE, Map.of(ListenerTls.KEY_STORE, dir.resolve("absent.p12").toString()),
                "does not exist");
        assertInvalid(ListenerTls.KEY_STORE, Map.of(ListenerTls.KEY_STORE_PASSWORD, "wrong"), "wrong password");
        assertInvalid(ListenerTls.TRUST_STORE, Map.of(ListenerTls.TRUST_STORE_PASSWORD, "wrong"), "wrong password");
        assertInvalid(ListenerTls.KEY_STORE_PASSWORD, Map.of(ListenerTls.KEY_STORE_PASSWORD, ""), "required");
    }

    @Test
    void requiresATrustStoreUnlessClientCertificatesAreOff() {
        Map<String, String> noTrust = new HashMap<>(tlsOn(Map.of()));
        noTrust.remove(ListenerTls.TRUST_STORE);

        assertThatThrownBy(() -> ListenerConfig.from(ConfigSource.of(noTrust)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ListenerTls.TRUST_STORE);
        noTrust.put(ListenerTls.CLIENT_AUTH, "none");
        assertThat(ListenerConfig.from(ConfigSource.of(noTrust)).tls().orElseThrow().clientAuth())
                .isEqualTo(ListenerTls.ClientAuth.NONE);
    }

    @Test
    void refusesTlsVersionsOlderThan12AndUnknownClientAuth() {
        assertInvalid(ListenerTls.PROTOCOLS, Map.of(ListenerTls.PROTOCOLS, "TLSv1.2,TLSv1.1"), "TLSv1.1");
        assertInvalid(ListenerTls.CLIENT_AUTH, Map.of(ListenerTls.CLIENT_AUTH, "optional"), "need, want, none");
    }

    @Test
    void readsCallingAesBoundToCertificates() {
        ListenerConfig config = ListenerConfig.from(ConfigSource.of(tlsOn(Map.of(
                ListenerConfig.CALLING_AES, "CT_1@cn=ct-1.radiology.example, PACS@10.0.0.5"))));

        assertThat(config.callingAes()).containsExactly(
                new CallingAeRule("CT_1", Set.of(), Set.of("ct-1.radiology.example")),
                new CallingAeRule("PACS", Set.of("10.0.0.5")));
    }

    @Test
    void refusesCertificateBindingsWithoutClientCertificates() {
        assertThatThrownBy(() -> ListenerConfig.from(ConfigSource.of(Map.of(ListenerConfig.CALLING_AES, "CT@cn=ct"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ListenerConfig.CALLING_AES);
        assertInvalid(ListenerConfig.CALLING_AES,
                Map.of(ListenerConfig.CALLING_AES, "CT@cn=ct", ListenerTls.CLIENT_AUTH, "none"), "need or want");
        assertInvalid(ListenerConfig.CALLING_AES, Map.of(ListenerConfig.CALLING_AES, "CT@cn="), "empty");
    }

    private static void assertInvalid(String key, Map<String, String> overrides, String problem) {
        assertThatThrownBy(() -> ListenerConfig.from(ConfigSource.of(tlsOn(overrides))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(problem);
    }

    private static Map<String, String> tlsOn(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                ListenerTls.ENABLED, "true",
                ListenerTls.KEY_STORE, server.keyStore().toString(),
                ListenerTls.KEY_STORE_PASSWORD, TestPki.PASSWORD,
                ListenerTls.TRUST_STORE, pki.trustStore().toString(),
                ListenerTls.TRUST_STORE_PASSWORD, TestPki.PASSWORD));
        properties.putAll(overrides);
        return properties;
    }
}
