package org.spagateway.inference.worker.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.test.harness.TestPki;

class SourceFetchConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsToABoundedCacheAndTheJdksTrustAnchors() {
        SourceFetchConfig config = SourceFetchConfig.from(ConfigSource.of(Map.of()));

        assertThat(config.cacheDirectory()).isEqualTo(Path.of("data/source-cache"));
        assertThat(config.cacheMaxBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.tls()).isEmpty();
    }

    @Test
    void opensTheStoresAtStartAndNamesTheKeyWhenOneIsWrong() {
        TestPki pki = TestPki.create(dir, "ca");
        TestPki.Issued worker = pki.issue("worker");

        assertThat(SourceFetchConfig.from(ConfigSource.of(Map.of(
                SourceFetchConfig.KEY_STORE, worker.keyStore().toString(),
                SourceFetchConfig.KEY_STORE_PASSWORD, TestPki.PASSWORD,
                SourceFetchConfig.TRUST_STORE, pki.trustStore().toString(),
                SourceFetchConfig.TRUST_STORE_PASSWORD, TestPki.PASSWORD))).tls()).isPresent();
        assertThatThrownBy(() -> SourceFetchConfig.from(ConfigSource.of(Map.of(
                SourceFetchConfig.KEY_STORE, worker.keyStore().toString(),
                SourceFetchConfig.KEY_STORE_PASSWORD, "wrong"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(SourceFetchConfig.KEY_STORE);
        assertThatThrownBy(() -> SourceFetchConfig.from(ConfigSource.of(Map.of(
                SourceFetchConfig.TRUST_STORE, dir.resolve("missing.p12").toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(SourceFetchConfig.TRUST_STORE);
        assertThatThrownBy(() -> SourceFetchConfig.from(ConfigSource.of(Map.of(
                SourceFetchConfig.REQUEST_TIMEOUT, "0s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(SourceFetchConfig.REQUEST_TIMEOUT);
    }
}
