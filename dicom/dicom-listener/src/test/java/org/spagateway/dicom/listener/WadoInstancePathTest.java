package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class WadoInstancePathTest {

    @Test
    void readsTheThreeUidsOfAnInstanceResource() {
        assertThat(WadoInstancePath.parse("/dicom-web/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5"))
                .isEqualTo(new WadoInstancePath.Instance(new WadoInstancePath("1.2.3", "1.2.3.4", "1.2.3.4.5")));
    }

    @Test
    void refusesUidsThatCouldNameAnythingButAStoredInstance() {
        for (String path : new String[] {
                "/dicom-web/studies/../series/1.2/instances/1.3",
                "/dicom-web/studies/1.2/series/..%2F..%2Fetc/instances/1.3",
                "/dicom-web/studies/1.2/series/1.3/instances/.incoming",
                "/dicom-web/studies/1.2/series/1.3/instances/1.4.dcm",
                "/dicom-web/studies/1.2/series/1.3/instances/",
                "/dicom-web/studies/1.2/series/1.3/instances/1." + "1".repeat(70)}) {
            assertThat(WadoInstancePath.parse(path)).as(path).isInstanceOf(WadoInstancePath.Malformed.class);
        }
    }

    @Test
    void answersUnknownForAnythingButTheInstanceResource() {
        for (String path : new String[] {"/", "/dicom-web", "/dicom-web/studies/1.2",
                "/dicom-web/studies/1.2/series/1.3", "/dicom-web/studies/1.2/series/1.3/instances/1.4/frames/1",
                "/other/studies/1.2/series/1.3/instances/1.4"}) {
            assertThat(WadoInstancePath.parse(path)).as(path).isInstanceOf(WadoInstancePath.Unknown.class);
        }
    }

    @Test
    void namesTheResourceOfAStoredInstance() {
        StoredInstance instance = new StoredInstance("1.2", "1.2.3", "1.2.3.4", "1.2.840.10008.5.1.4.1.1.2",
                "1.2.840.10008.1.2.1", Path.of("/x"), 1, null, "CT", null, OptionalInt.empty(), OptionalInt.empty(),
                "AE", Instant.EPOCH, null);

        assertThat(WadoInstancePath.of(instance)).isEqualTo("/dicom-web/studies/1.2/series/1.2.3/instances/1.2.3.4");
    }
}
