package org.spagateway.dicom.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherWordAttribute;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a source from a stream with its VOI window and photometric interpretation, as a viewer shows it. */
class DisplayableSourceTest {

    @TempDir
    Path work;

    private final SourcePixelReader reader = new SourcePixelReader();

    @Test
    void readsTheRescaledValuesTheFirstWindowAndMonochrome2() throws Exception {
        Path file = ct("MONOCHROME2", "-600\\40", "1500\\400");

        DisplayableSource source;
        try (InputStream in = Files.newInputStream(file)) {
            source = reader.readDisplayable(in);
        }

        assertThat(source.window()).contains(new DisplayableSource.VoiWindow(-600, 1500));
        assertThat(source.inverted()).isFalse();
        assertThat(source.pixels().columns()).isEqualTo(4);
        assertThat(source.pixels().value(0, 1, 0)).isEqualTo(-1000f + 10f);
    }

    @Test
    void knowsMonochrome1AndAnImageWithoutAWindow() throws Exception {
        DisplayableSource source = reader.readDisplayable(Files.newInputStream(ct("MONOCHROME1", null, null)));

        assertThat(source.window()).isEmpty();
        assertThat(source.inverted()).isTrue();
    }

    @Test
    void refusesBytesThatAreNotDicom() {
        assertThatThrownBy(() -> reader.readDisplayable(new ByteArrayInputStream("not dicom".getBytes())))
                .isInstanceOf(SourceImageException.class);
    }

    private Path ct(String photometric, String center, String width) throws Exception {
        DatasetBuilder dataset = new DatasetBuilder()
                .put("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2")
                .put("SOPInstanceUID", "2.25.42")
                .put("StudyInstanceUID", "2.25.40")
                .put("SeriesInstanceUID", "2.25.41")
                .put("Modality", "CT")
                .put("SamplesPerPixel", 1)
                .put("PhotometricInterpretation", photometric)
                .put("Rows", 2)
                .put("Columns", 4)
                .put("BitsAllocated", 16)
                .put("BitsStored", 16)
                .put("HighBit", 15)
                .put("PixelRepresentation", 1)
                .put("RescaleIntercept", "-1000")
                .put("RescaleSlope", "1");
        if (center != null) {
            dataset.put("WindowCenter", center.split("\\\\")).put("WindowWidth", width.split("\\\\"));
        }
        OtherWordAttribute pixels = new OtherWordAttribute(DatasetBuilder.tag("PixelData"));
        pixels.setValues(new short[] {0, 10, 20, 30, 40, 50, 60, 70});
        AttributeList list = dataset.put(pixels).build();
        return new Part10Writer("TEST").write(list, work, "2.25.42");
    }
}
