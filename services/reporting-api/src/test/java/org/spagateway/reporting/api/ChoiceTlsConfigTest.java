package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

/** HTTPS settings of the choice API that cannot work are refused at start, naming the key. */
class ChoiceTlsConfigTest {

    @TempDir
    Path dir;

    @Test
    void withoutAKeyStoreTheApiSpeaksPlainHttp() {
        assertThat(ChoiceTlsConfig.from(ConfigSource.of(Map.of())).enabled()).isFalse();
    }

    @Test
    void aKeyStoreNeedsItsPassword() throws IOException {
        Path store = Files.createFile(dir.resolve("server.p12"));

        assertRefused(Map.of(ChoiceTlsConfig.KEY_STORE, store.toString()), ChoiceTlsConfig.KEY_STORE_PASSWORD);
    }

    @Test
    void aMissingKeyStoreIsRefused() {
        assertRefused(Map.of(ChoiceTlsConfig.KEY_STORE, dir.resolve("absent.p12").toString(),
                ChoiceTlsConfig.KEY_STORE_PASSWORD, "secret"), ChoiceTlsConfig.KEY_STORE);
    }

    @Test
    void clientCertificatesNeedATrustStore() throws IOException {
        Path store = Files.createFile(dir.resolve("server.p12"));

        assertRefused(Map.of(ChoiceTlsConfig.KEY_STORE, store.toString(), ChoiceTlsConfig.KEY_STORE_PASSWORD, "secret",
                ChoiceTlsConfig.CLIENT_AUTH, "need"), ChoiceTlsConfig.CLIENT_AUTH);
        assertRefused(Map.of(ChoiceTlsConfig.CLIENT_AUTH, "sometimes"), ChoiceTlsConfig.CLIENT_AUTH);
    }

    @Test
    void neverPrintsThePasswords() throws IOException {
        Path store = Files.createFile(dir.resolve("server.p12"));
        ChoiceTlsConfig tls = ChoiceTlsConfig.from(ConfigSource.of(Map.of(ChoiceTlsConfig.KEY_STORE, store.toString(),
                ChoiceTlsConfig.KEY_STORE_PASSWORD, "s3cret-pass")));

        assertThat(tls.toString()).doesNotContain("s3cret-pass");
    }

    private static void assertRefused(Map<String, String> properties, String key) {
        assertThatThrownBy(() -> ChoiceTlsConfig.from(ConfigSource.of(properties)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
    }
}
