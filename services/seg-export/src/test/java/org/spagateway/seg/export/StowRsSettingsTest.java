package org.spagateway.seg.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

class StowRsSettingsTest {

    @Test
    void aDestinationWithAStowUrlIsStowRsBesideACStoreOne() {
        ExportConfig config = ExportConfig.from(ConfigSource.of(Map.of(
                "spa.export.destinations", "pacs,cloud-archive",
                "spa.export.destination.pacs.ae-title", "ORTHANC",
                "spa.export.destination.pacs.host", "pacs",
                "spa.export.destination.pacs.port", "4242",
                "spa.export.destination.cloud-archive.stow-url", "https://archive.example/dicomWeb/")));

        assertThat(config.destinations()).hasSize(2);
        assertThat(config.destinations().get(0)).isInstanceOf(CStoreDestination.class);
        StowRsDestination stow = (StowRsDestination) config.destinations().get(1);
        assertThat(stow.name()).isEqualTo("cloud-archive");
        assertThat(stow.studiesUrl()).isEqualTo(URI.create("https://archive.example/dicomWeb/studies"));
        assertThat(stow.aeTitle()).isEqualTo("CLOUD_ARCHIVE");
        assertThat(stow.tls()).isTrue();
        assertThat(stow.authorization()).isEmpty();
        assertThat(config.hasStowRsDestination()).isTrue();
        assertThat(config.stowTrustStore()).isEmpty();
        assertThat(config.forDestination(stow).consumerGroup()).isEqualTo("spa-export-cloud-archive");
    }

    @Test
    void sendsABearerTokenOrBasicCredentialsAndNeverPrintsThem() {
        StowRsDestination bearer = destination(Map.of("spa.export.destination.web.bearer-token", "s3cr3t-token"));
        StowRsDestination basic = destination(Map.of("spa.export.destination.web.username", "spa",
                "spa.export.destination.web.password", "pa55word"));

        assertThat(bearer.authorization()).contains("Bearer s3cr3t-token");
        assertThat(basic.authorization()).contains("Basic " + Base64.getEncoder()
                .encodeToString("spa:pa55word".getBytes(StandardCharsets.UTF_8)));
        assertThat(bearer.toString() + basic + config(Map.of("spa.export.destination.web.bearer-token", "s3cr3t-token")))
                .doesNotContain("s3cr3t-token").doesNotContain("pa55word").contains("with credentials");
    }

    @Test
    void takesThePasswordFromTheEnvironmentSoItNeedNotSitInAFile() {
        ConfigSource source = new ConfigSource(Map.of("spa.export.destinations", "web",
                "spa.export.destination.web.stow-url", "https://pacs.example/dicom-web",
                "spa.export.destination.web.username", "spa"),
                Map.of("SPA_EXPORT_DESTINATION_WEB_PASSWORD", "from-env"));

        assertThat(((StowRsDestination) ExportConfig.from(source).destinations().get(0)).authorization())
                .contains("Basic " + Base64.getEncoder().encodeToString("spa:from-env".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesCredentialsOverPlainHttpToAnotherHost() {
        assertThatThrownBy(() -> config(Map.of("spa.export.destination.web.stow-url", "http://pacs.example/dicom-web",
                "spa.export.destination.web.bearer-token", "t")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.export.destination.web.stow-url")
                .hasMessageContaining("https");
        assertThat(destination(Map.of("spa.export.destination.web.stow-url", "http://127.0.0.1:8042/dicom-web",
                "spa.export.destination.web.bearer-token", "t")).authorization()).isPresent();
    }

    @Test
    void namesTheKeyOfEachMistake() {
        assertThatThrownBy(() -> config(Map.of("spa.export.destination.web.stow-url", "ftp://pacs/dicom-web")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.export.destination.web.stow-url");
        assertThatThrownBy(() -> config(Map.of("spa.export.destination.web.stow-url", "https://u:p@pacs/dicom-web")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must not hold credentials")
                .hasMessageNotContaining("u:p");
        assertThatThrownBy(() -> config(Map.of("spa.export.destination.web.port", "104")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.export.destination.web.port");
        assertThatThrownBy(() -> config(Map.of("spa.export.destination.web.username", "spa")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.export.destination.web.password");
        assertThatThrownBy(() -> config(Map.of("spa.export.destination.web.username", "spa",
                "spa.export.destination.web.password", "x", "spa.export.destination.web.bearer-token", "t")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.export.destination.web.bearer-token");
        assertThatThrownBy(() -> config(Map.of("spa.export.stow.trust-store", "/nonexistent/trust.p12",
                "spa.export.stow.trust-store-password", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.export.stow.trust-store");
    }

    @Test
    void recordsTheConfiguredAeTitleAndShortensTheDefaultToSixteenCharacters() {
        assertThat(destination(Map.of("spa.export.destination.web.ae-title", "ORTHANC")).aeTitle())
                .isEqualTo("ORTHANC");
        assertThat(StowRsSettings.defaultAeTitle("a-very-long-destination-name")).isEqualTo("A_VERY_LONG_DEST");
    }

    private static StowRsDestination destination(Map<String, String> extra) {
        return (StowRsDestination) config(extra).destinations().get(0);
    }

    private static ExportConfig config(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of("spa.export.destinations", "web",
                "spa.export.destination.web.stow-url", "https://pacs.example/dicom-web"));
        properties.putAll(extra);
        return ExportConfig.from(ConfigSource.of(properties));
    }
}
