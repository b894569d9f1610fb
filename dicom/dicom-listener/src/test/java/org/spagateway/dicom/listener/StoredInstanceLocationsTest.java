package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;

class StoredInstanceLocationsTest {

    private static final String BASE = "http://127.0.0.1:8083";

    @TempDir
    Path root;

    @Test
    void aUrlOfItsOwnEndpointIsTheFileItStoredAndAnyOtherLocationIsNotItsOwn() throws Exception {
        Path stored = Files.createDirectories(root.resolve("1.2.3").resolve("1.2.3.4")).resolve("1.2.3.4.5.dcm");
        Files.write(stored, new byte[] {1, 2, 3});
        StoredInstanceLocations locations = StoredInstanceLocations.of(ListenerConfig.from(ConfigSource.of(Map.of(
                "spa.listener.storage-root", root.toString(),
                "spa.listener.wado.enabled", "true",
                "spa.listener.wado.public-base-url", BASE + "/"))));

        assertThat(locations.localFile(BASE + "/dicom-web/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5"))
                .contains(stored);
        assertThat(locations.localFile(BASE + "/dicom-web/studies/1.2.3/series/1.2.3.4/instances/9.9")).isEmpty();
        assertThat(locations.localFile(BASE + "/dicom-web/studies/9.9/series/1.2.3.4/instances/1.2.3.4.5")).isEmpty();
        assertThat(locations.localFile(BASE + "/dicom-web/studies/1.2.3/series/../../x/instances/y")).isEmpty();
        assertThat(locations.localFile("http://127.0.0.2:8083/dicom-web/studies/1.2.3/series/1.2.3.4"
                + "/instances/1.2.3.4.5")).isEmpty();
        assertThat(locations.localFile(stored.toUri().toString())).isEmpty();
    }
}
