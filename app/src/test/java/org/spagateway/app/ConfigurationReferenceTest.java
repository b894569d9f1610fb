package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationReferenceTest {

    @Test
    void docsConfigurationMatchesTheOptionsTheCodeDeclares() throws IOException {
        String onDisk = Files.readString(Path.of("..", "docs", "configuration.md"));

        assertThat(onDisk)
                .as("docs/configuration.md is stale: regenerate it with ConfigurationReference (see its Javadoc)")
                .isEqualTo(ConfigurationReference.markdown());
    }

    @Test
    void everyKeyOfTheAllInOneProfileIsDocumented() throws IOException {
        String reference = ConfigurationReference.markdown();

        assertThat(SpaGatewayMain.builtInProfile().keySet()).allSatisfy(key -> {
            String documented = key.replaceAll("\\.(ae|modality)\\.[A-Z0-9_]+$", ".$1.<");
            assertThat(reference).contains("`" + documented);
        });
    }
}
