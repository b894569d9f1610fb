package org.spagateway.inference.worker.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.events.InstanceReference;

class SourceInstancesTest {

    @Test
    void readsAFileLocationInPlace() throws Exception {
        Path file = Path.of("/var/lib/spa/dicom/1.2/1.3/1.4.dcm");

        try (LocalSource source = SourceInstances.localFilesOnly().open(reference(file.toUri().toString()))) {
            assertThat(source.path()).isEqualTo(file);
        }
    }

    @Test
    void refusesLocationsItCannotRead() {
        SourceInstances local = SourceInstances.localFilesOnly();

        assertThatThrownBy(() -> local.open(reference("s3://bucket/1.4.dcm"))).isInstanceOf(SourceImageException.class);
        assertThatThrownBy(() -> local.open(reference("not a uri"))).isInstanceOf(SourceImageException.class);
        assertThatThrownBy(() -> local.open(reference("https://edge/dicom-web/studies/1.2/series/1.3/instances/1.4")))
                .isInstanceOf(SourceImageException.class).hasMessageContaining("local files only");
    }

    private static InstanceReference reference(String location) {
        return new InstanceReference("1.4", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1", location, 10);
    }
}
