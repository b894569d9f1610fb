package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

class AllInOneConfigTest {

    @Test
    void theAllInOneProfileStartsTheEmbeddedFhirServerOnH2UnderVarAndTheAdapter() throws Exception {
        Map<String, String> profile = SpaGatewayMain.builtInProfile();
        AllInOneConfig config = AllInOneConfig.from(ConfigSource.of(profile));

        assertThat(config.fhirEmbedded()).isTrue();
        assertThat(config.fhirAdapter()).isTrue();
        assertThat(profile).containsEntry("spa.fhir.server.jdbc-url", "jdbc:h2:file:./var/fhir/h2");
    }

    @Test
    void fhirIsOnByDefaultAndCanBeTurnedOff() {
        AllInOneConfig defaults = AllInOneConfig.from(ConfigSource.of(Map.of()));
        AllInOneConfig off = AllInOneConfig.from(ConfigSource.of(Map.of(
                AllInOneConfig.FHIR_EMBEDDED, "false", AllInOneConfig.FHIR_ADAPTER, "false")));

        assertThat(defaults.fhirEmbedded()).isTrue();
        assertThat(defaults.fhirAdapter()).isTrue();
        assertThat(off.fhirEmbedded()).isFalse();
        assertThat(off.fhirAdapter()).isFalse();
    }

    @Test
    void aListenerRunsWithoutTheCamelServicesBecauseItPublishesWhatItReceivesItself() {
        AllInOneConfig edge = AllInOneConfig.from(ConfigSource.of(Map.of(AllInOneConfig.ROUTES, "false")));

        assertThat(edge.listener()).isTrue();
        assertThat(edge.routes()).isFalse();
    }

    @Test
    void aServiceWithoutTheListenerRunsWithoutTheDemo() {
        assertThatThrownBy(() -> AllInOneConfig.from(ConfigSource.of(Map.of(AllInOneConfig.LISTENER, "false"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AllInOneConfig.DEMO_ENABLED);
        AllInOneConfig worker = AllInOneConfig.from(ConfigSource.of(Map.of(AllInOneConfig.LISTENER, "false",
                AllInOneConfig.ROUTES, "false", AllInOneConfig.DEMO_ENABLED, "false")));

        assertThat(worker.listener()).isFalse();
        assertThat(worker.routes()).isFalse();
    }

    @Test
    void anInvalidExternalFhirBaseUrlFailsBeforeAnythingStarts() {
        ConfigSource source = ConfigSource.of(Map.of(
                AllInOneConfig.FHIR_EMBEDDED, "false",
                "spa.fhir.base-url", "ftp://fhir.example/r4",
                "spa.kafka.embedded.port", "0",
                "spa.listener.port", "0",
                "spa.worker.enabled", "false"));

        assertThatThrownBy(() -> AllInOneGateway.start(source)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.fhir.base-url");
    }

    @Test
    void anInvalidEmbeddedServerDatabaseFailsBeforeAnythingStarts() {
        ConfigSource source = ConfigSource.of(Map.of(
                "spa.fhir.server.jdbc-url", "jdbc:mysql://db/fhir",
                "spa.kafka.embedded.port", "0",
                "spa.listener.port", "0",
                "spa.worker.enabled", "false"));

        assertThatThrownBy(() -> AllInOneGateway.start(source)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.fhir.server.jdbc-url");
    }
}
