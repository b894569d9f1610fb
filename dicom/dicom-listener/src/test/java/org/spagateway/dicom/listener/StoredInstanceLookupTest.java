package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredInstanceLookupTest {

    @TempDir
    Path base;

    @Test
    void findsAStoredInstanceByItsUids() throws IOException {
        Path root = base.resolve("dicom");
        Path stored = Files.createDirectories(root.resolve("1.2").resolve("1.2.3")).resolve("1.2.3.4.dcm");
        Files.writeString(stored, "x");

        assertThat(new StoredInstanceLookup(root).find(new WadoInstancePath("1.2", "1.2.3", "1.2.3.4")))
                .contains(stored.toAbsolutePath());
    }

    @Test
    void findsNothingForAnInstanceThatIsNotStoredOrIsALink() throws IOException {
        Path root = base.resolve("dicom");
        Path series = Files.createDirectories(root.resolve("1.2").resolve("1.2.3"));
        Path outside = Files.writeString(base.resolve("secret.dcm"), "x");
        Files.createSymbolicLink(series.resolve("1.2.3.9.dcm"), outside);
        StoredInstanceLookup lookup = new StoredInstanceLookup(root);

        assertThat(lookup.find(new WadoInstancePath("1.2", "1.2.3", "1.2.3.4"))).isEmpty();
        assertThat(lookup.find(new WadoInstancePath("1.2", "1.2.3", "1.2.3.9"))).isEmpty();
        assertThat(lookup.find(new WadoInstancePath("1.9", "1.2.3", "1.2.3.4"))).isEmpty();
        assertThat(new StoredInstanceLookup(base.resolve("missing"))
                .find(new WadoInstancePath("1.2", "1.2.3", "1.2.3.4"))).isEmpty();
    }
}
