package org.spagateway.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KraftServerPropertiesTest {

    private final EmbeddedKafkaSecurity security = new EmbeddedKafkaSecurity(Path.of("/secrets/broker.p12"),
            "store-secret", "spa-broker", "broker-secret", Map.of("spa-edge", "edge-secret"), List.of());
    private final Map<String, String> secured = KraftServerProperties.secured(Path.of("/data"), 9093, 9094, 9095,
            security);

    @Test
    void offersClientsOnlySaslSslWithScramAndKeepsTheBrokersOwnListenersOnLoopback() {
        assertThat(secured).containsEntry("listeners",
                        "CLIENT://127.0.0.1:9093,INTERNAL://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095")
                .containsEntry("listener.security.protocol.map",
                        "CLIENT:SASL_SSL,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT")
                .containsEntry("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("listener.name.client.ssl.keystore.location", "/secrets/broker.p12")
                .containsEntry("inter.broker.listener.name", "INTERNAL");
        assertThat(secured.get("listener.security.protocol.map")).doesNotContain(":PLAINTEXT");
    }

    @Test
    void deniesWhatNoAclAllowsWithTheBrokerAsItsOnlySuperUser() {
        assertThat(secured)
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("super.users", "User:spa-broker");
        assertThat(secured.get("listener.name.internal.plain.sasl.jaas.config"))
                .contains("user_spa-broker=\"broker-secret\"").doesNotContain("spa-edge");
    }

    @Test
    void neverShowsPasswordsInTheSecuritysDescription() {
        assertThat(security.toString()).contains("spa-edge", "spa-broker")
                .doesNotContain("store-secret", "broker-secret", "edge-secret");
    }
}
