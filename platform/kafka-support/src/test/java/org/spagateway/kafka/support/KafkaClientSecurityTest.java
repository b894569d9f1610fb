package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

class KafkaClientSecurityTest {

    @TempDir
    Path dir;

    @Test
    void isPlaintextByDefaultAndSaysSo() {
        KafkaClientSecurity security = KafkaClientSecurity.from(ConfigSource.of(Map.of()), "kafka:9092");

        assertThat(security.properties()).containsOnly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void authenticatesWithScramSha512OverTlsCheckingTheBrokersHostName() throws IOException {
        Path trustStore = Files.createFile(dir.resolve("ca.p12"));
        KafkaClientSecurity security = KafkaClientSecurity.from(ConfigSource.of(Map.of(
                "spa.kafka.security-protocol", "SASL_SSL",
                "spa.kafka.sasl-username", "spa-worker",
                "spa.kafka.sasl-password", "pa\"ss\\word",
                "spa.kafka.ssl-trust-store", trustStore.toString(),
                "spa.kafka.ssl-trust-store-password", "store-secret")), "kafka:9093");

        assertThat(security.properties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"spa-worker\" password=\"pa\\\"ss\\\\word\";")
                .containsEntry("ssl.truststore.location", trustStore.toAbsolutePath().toString())
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "store-secret")
                .containsEntry("ssl.endpoint.identification.algorithm", "https")
                .doesNotContainKey("ssl.keystore.location");
    }

    @Test
    void presentsAClientCertificateForMutualTlsWhenGivenAKeyStore() throws IOException {
        Path keyStore = Files.createFile(dir.resolve("client.p12"));
        KafkaClientSecurity security = KafkaClientSecurity.from(ConfigSource.of(Map.of(
                "spa.kafka.security-protocol", "SSL",
                "spa.kafka.ssl-key-store", keyStore.toString(),
                "spa.kafka.ssl-key-store-password", "key-secret",
                "spa.kafka.ssl-hostname-verification", "false")), "kafka:9093");

        assertThat(security.properties())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.location", keyStore.toAbsolutePath().toString())
                .containsEntry("ssl.keystore.type", "PKCS12")
                .containsEntry("ssl.keystore.password", "key-secret")
                .containsEntry("ssl.key.password", "key-secret")
                .containsEntry("ssl.endpoint.identification.algorithm", "")
                .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config");
    }

    @Test
    void refusesSaslWithoutAUsernameOrAPasswordNamingTheMissingKey() {
        assertThatThrownBy(() -> KafkaClientSecurity.from(ConfigSource.of(Map.of(
                "spa.kafka.security-protocol", "SASL_SSL", "spa.kafka.sasl-password", "x")), "kafka:9093"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.kafka.sasl-username").hasMessageContaining("SASL_SSL");
        assertThatThrownBy(() -> KafkaClientSecurity.from(ConfigSource.of(Map.of(
                "spa.kafka.security-protocol", "SASL_SSL", "spa.kafka.sasl-username", "spa-edge")), "kafka:9093"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.kafka.sasl-password");
    }

    @Test
    void refusesCredentialsOrStoresThatTheProtocolWouldSilentlyIgnore() throws IOException {
        Path trustStore = Files.createFile(dir.resolve("ca.p12"));
        assertThatThrownBy(() -> KafkaClientSecurity.from(ConfigSource.of(Map.of(
                "spa.kafka.sasl-username", "spa-edge", "spa.kafka.sasl-password", "x")), "kafka:9092"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.kafka.sasl-username").hasMessageContaining("PLAINTEXT");
        assertThatThrownBy(() -> KafkaClientSecurity.from(ConfigSource.of(Map.of(
                "spa.kafka.ssl-trust-store", trustStore.toString(),
                "spa.kafka.ssl-trust-store-password", "x")), "kafka:9092"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.kafka.ssl-trust-store");
    }

    @Test
    void refusesAStoreThatCannotBeReadOrHasNoPassword() throws IOException {
        Path trustStore = Files.createFile(dir.resolve("ca.p12"));
        Map<String, String> saslSsl = Map.of("spa.kafka.security-protocol", "SASL_SSL",
                "spa.kafka.sasl-username", "spa-edge", "spa.kafka.sasl-password", "x");
        Map<String, String> missing = new HashMap<>(saslSsl);
        missing.put("spa.kafka.ssl-trust-store", dir.resolve("absent.p12").toString());
        missing.put("spa.kafka.ssl-trust-store-password", "x");
        assertThatThrownBy(() -> KafkaClientSecurity.from(ConfigSource.of(missing), "kafka:9093"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.kafka.ssl-trust-store").hasMessageContaining("absent.p12");
        Map<String, String> noPassword = new HashMap<>(saslSsl);
        noPassword.put("spa.kafka.ssl-trust-store", trustStore.toString());
        assertThatThrownBy(() -> KafkaClientSecurity.from(ConfigSource.of(noPassword), "kafka:9093"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.kafka.ssl-trust-store-password");
    }

    @Test
    void allowsSaslPlaintextOnlyWhenExplicitlyAllowedAndOnlyToLoopbackBrokers() {
        Map<String, String> saslPlaintext = Map.of("spa.kafka.security-protocol", "SASL_PLAINTEXT",
                "spa.kafka.sasl-username", "spa-edge", "spa.kafka.sasl-password", "x");
        assertThatThrownBy(() -> KafkaClientSecurity.from(ConfigSource.of(saslPlaintext), "127.0.0.1:9092"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.kafka.security-protocol")
                .hasMessageContaining("spa.kafka.sasl-plaintext-on-loopback");

        Map<String, String> allowed = new HashMap<>(saslPlaintext);
        allowed.put("spa.kafka.sasl-plaintext-on-loopback", "true");
        assertThat(KafkaClientSecurity.from(ConfigSource.of(allowed), "127.0.0.1:9092,localhost:9093").properties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT").containsKey("sasl.jaas.config");
        assertThatThrownBy(() -> KafkaClientSecurity.from(ConfigSource.of(allowed), "127.0.0.1:9092,kafka:9092"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka:9092");
    }

    @Test
    void refusesAnUnknownProtocolOrMechanismNamingTheKey() {
        assertThatThrownBy(() -> KafkaClientSecurity.from(ConfigSource.of(Map.of(
                "spa.kafka.security-protocol", "TLS")), "kafka:9093"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.kafka.security-protocol");
        assertThatThrownBy(() -> KafkaClientSecurity.from(ConfigSource.of(Map.of(
                "spa.kafka.security-protocol", "SASL_SSL", "spa.kafka.sasl-mechanism", "GSSAPI",
                "spa.kafka.sasl-username", "u", "spa.kafka.sasl-password", "p")), "kafka:9093"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.kafka.sasl-mechanism");
    }

    @Test
    void neverShowsThePasswordsInItsDescription() {
        KafkaClientSecurity security = KafkaClientSecurity.saslSsl("spa-edge", "sasl-secret", dir.resolve("ca.p12"),
                "store-secret");

        assertThat(security.toString()).contains("spa-edge", "SASL_SSL")
                .doesNotContain("sasl-secret").doesNotContain("store-secret");
    }
}
