package org.spagateway.study.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.AttributeList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.test.harness.Dciodvfy;

/**
 * The generated objects are checked by independent toolkits: dicom3tools' dciodvfy (IOD conformance, PS3.3),
 * dcmtk's dcmdump (Part 10 parsing) and PixelMed (reading back what a receiver sees).
 */
class GeneratedStudyPassesDciodvfyTest {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratedStudyPassesDciodvfyTest.class);
    private static final Path DCMDUMP = Path.of("/usr/bin/dcmdump");

    private final Dciodvfy dciodvfy = new Dciodvfy();
    private final SyntheticStudyGenerator generator = new SyntheticStudyGenerator();

    @TempDir
    Path out;

    @BeforeEach
    void requireTools() {
        dciodvfy.requireInstalled();
        assertThat(DCMDUMP).as("dcmtk's dcmdump; scripts/setup.sh installs it (Debian package dcmtk)").isExecutable();
    }

    @Test
    void writesFundusStudyThatPassesDciodvfy() throws Exception {
        GeneratedStudy study = generator.generate(StudySpec.of(DemoTask.FUNDUS, 1, 11), out);

        assertThat(study.sopClassUid()).isEqualTo("1.2.840.10008.5.1.4.1.1.77.1.5.1");
        verify(study, "OP", 512);
        AttributeList list = DicomFiles.read(study.files().get(0));
        assertThat(DicomFiles.value(list, "PhotometricInterpretation")).isEqualTo("RGB");
        assertThat(DicomFiles.value(list, "SamplesPerPixel")).isEqualTo("3");
    }

    @Test
    void writesThreeSliceCtStudyThatPassesDciodvfy() throws Exception {
        GeneratedStudy study = generator.generate(StudySpec.of(DemoTask.CT, 3, 12), out);

        assertThat(study.files()).hasSize(3);
        assertThat(study.sopClassUid()).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
        verify(study, "CT", 512);
        AttributeList list = DicomFiles.read(study.files().get(0));
        assertThat(DicomFiles.value(list, "PixelRepresentation")).isEqualTo("1");
        assertThat(DicomFiles.value(list, "RescaleIntercept")).isEqualTo("-1024");
    }

    @Test
    void writesSmallCtMatrixThatPassesDciodvfy() throws Exception {
        GeneratedStudy study = generator.generate(StudySpec.of(DemoTask.CT, 1, 13).withSize(256), out);

        verify(study, "CT", 256);
    }

    private void verify(GeneratedStudy study, String modality, int size) throws Exception {
        for (Path file : study.files()) {
            Dciodvfy.ValidationReport report = dciodvfy.validate(file);
            report.warnings().forEach(warning -> LOG.info("dciodvfy {}: {}", modality, warning));
            assertThat(report.errors()).as(report.output()).isEmpty();

            AttributeList list = DicomFiles.read(file);
            assertThat(DicomFiles.value(list, "StudyInstanceUID")).isEqualTo(study.studyInstanceUid());
            assertThat(DicomFiles.value(list, "SeriesInstanceUID")).isEqualTo(study.seriesInstanceUid());
            assertThat(DicomFiles.value(list, "SOPClassUID")).isEqualTo(study.sopClassUid());
            assertThat(DicomFiles.value(list, "Modality")).isEqualTo(modality);
            assertThat(DicomFiles.value(list, "Rows")).isEqualTo(String.valueOf(size));
            assertThat(DicomFiles.value(list, "Columns")).isEqualTo(String.valueOf(size));
            assertThat(DicomFiles.value(list, "TransferSyntaxUID")).isEqualTo("1.2.840.10008.1.2.1");

            String dump = dcmdump(file);
            assertThat(dump).contains(study.studyInstanceUid()).contains("Little Endian Explicit");
        }
    }

    private static String dcmdump(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(DCMDUMP.toString(), "-q", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
