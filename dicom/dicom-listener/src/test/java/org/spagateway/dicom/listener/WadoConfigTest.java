package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.test.harness.TestPki;

class WadoConfigTest {

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static TestPki.Issued server;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create(dir, "wado-ca");
        server = pki.issue("edge");
    }

    @Test
    void isOffAndOnLoopbackByDefaultSoEventsKeepFileUris() {
        WadoConfig wado = ListenerConfig.from(ConfigSource.of(Map.of())).wado();

        assertThat(wado.enabled()).isFalse();
        assertThat(wado.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(wado.publicBaseUrl()).isEmpty();
        assertThat(wado.tls()).isEmpty();
    }

    @Test
    void servesPlainHttpOnLoopback() {
        WadoConfig wado = WadoConfig.from(ConfigSource.of(Map.of(WadoConfig.ENABLED, "true",
                WadoConfig.PUBLIC_BASE_URL, "http://127.0.0.1:8083/")));

        assertThat(wado.publicBaseUrl()).contains(URI.create("http://127.0.0.1:8083"));
    }

    @Test
    void refusesToExposeTheEndpointBeyondLoopbackWithoutClientCertificates() {
        assertInvalid(WadoConfig.BIND_ADDRESS, Map.of(WadoConfig.ENABLED, "true", WadoConfig.BIND_ADDRESS, "0.0.0.0"),
                "client certificates");
        assertInvalid(WadoConfig.TRUST_STORE, Map.of(WadoConfig.ENABLED, "true", WadoConfig.BIND_ADDRESS, "0.0.0.0",
                WadoConfig.KEY_STORE, server.keyStore().toString(), WadoConfig.KEY_STORE_PASSWORD, TestPki.PASSWORD),
                "client certificates are always required");
    }

    @Test
    void requiresClientCertificatesWhenBoundBeyondLoopbackOverHttps() {
        WadoConfig wado = WadoConfig.from(ConfigSource.of(mtls(Map.of(WadoConfig.BIND_ADDRESS, "0.0.0.0",
                WadoConfig.PUBLIC_BASE_URL, "https://edge.example.org:8083"))));

        assertThat(wado.tls()).hasValueSatisfying(tls -> assertThat(tls.protocols()).containsExactly("TLSv1.3",
                "TLSv1.2"));
    }

    @Test
    void refusesABaseUrlThatDoesNotMatchTheEndpoint() {
        assertInvalid(WadoConfig.PUBLIC_BASE_URL, mtls(Map.of(WadoConfig.PUBLIC_BASE_URL, "http://edge:8083")),
                "must be https");
        assertInvalid(WadoConfig.PUBLIC_BASE_URL, Map.of(WadoConfig.PUBLIC_BASE_URL, "http://127.0.0.1:8083"),
                "is false");
        assertInvalid(WadoConfig.PUBLIC_BASE_URL, Map.of(WadoConfig.ENABLED, "true",
                WadoConfig.PUBLIC_BASE_URL, "ftp://edge"), "not an http(s) URL");
        assertInvalid(WadoConfig.KEY_STORE, mtls(Map.of(WadoConfig.KEY_STORE_PASSWORD, "wrong")), "wrong password");
    }

    private static void assertInvalid(String key, Map<String, String> properties, String problem) {
        assertThatThrownBy(() -> WadoConfig.from(ConfigSource.of(properties)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(problem);
    }

    private static Map<String, String> mtls(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                WadoConfig.ENABLED, "true",
                WadoConfig.KEY_STORE, server.keyStore().toString(),
                WadoConfig.KEY_STORE_PASSWORD, TestPki.PASSWORD,
                WadoConfig.TRUST_STORE, pki.trustStore().toString(),
                WadoConfig.TRUST_STORE_PASSWORD, TestPki.PASSWORD));
        properties.putAll(overrides);
        return properties;
    }
}
