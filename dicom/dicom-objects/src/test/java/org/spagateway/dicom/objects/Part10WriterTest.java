package org.spagateway.dicom.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TransferSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Part10WriterTest {

    private static final String UID = "2.25.123456789";

    @TempDir
    Path work;

    private final Part10Writer writer = new Part10Writer("SPA_TEST");

    @Test
    void writesAnExplicitLittleEndianFileThatPixelMedReadsBack() throws Exception {
        Path file = writer.write(dataset("Doe^Jane"), work.resolve("out"), UID);

        assertThat(file).isEqualTo(work.resolve("out").resolve(UID + ".dcm"));
        AttributeList read = new AttributeList();
        read.read(file.toFile());
        assertThat(text(read, "SOPInstanceUID")).isEqualTo(UID);
        assertThat(text(read, "PatientName")).isEqualTo("Doe^Jane");
        assertThat(text(read, "TransferSyntaxUID")).isEqualTo(TransferSyntax.ExplicitVRLittleEndian);
        assertThat(text(read, "MediaStorageSOPInstanceUID")).isEqualTo(UID);
        assertThat(text(read, "SourceApplicationEntityTitle")).isEqualTo("SPA_TEST");
    }

    @Test
    void leavesNoPartFileBehind() throws Exception {
        writer.write(dataset("Doe^Jane"), work, UID);

        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly(UID + ".dcm");
        }
    }

    @Test
    void rewritingReplacesTheFile() throws Exception {
        writer.write(dataset("Doe^Jane"), work, UID);
        Path file = writer.write(dataset("Roe^Richard"), work, UID);

        AttributeList read = new AttributeList();
        read.read(file.toFile());
        assertThat(text(read, "PatientName")).isEqualTo("Roe^Richard");
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void theSameDatasetWritesTheSameBytes() throws Exception {
        byte[] first = Files.readAllBytes(writer.write(dataset("Doe^Jane"), work.resolve("a"), UID));
        byte[] second = Files.readAllBytes(writer.write(dataset("Doe^Jane"), work.resolve("b"), UID));

        assertThat(second).isEqualTo(first);
    }

    private static AttributeList dataset(String patientName) {
        return new DatasetBuilder()
                .put("SOPClassUID", SOPClass.SecondaryCaptureImageStorage)
                .put("SOPInstanceUID", UID)
                .put("PatientName", patientName)
                .put("PatientID", "SYN-0001")
                .build();
    }

    private static String text(AttributeList list, String keyword) {
        return Attribute.getSingleStringValueOrEmptyString(list, DatasetBuilder.tag(keyword));
    }
}
