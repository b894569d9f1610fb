package org.spagateway.study.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.dicom.objects.DatasetBuilder;

class GenerateStudyCommandTest {

    @TempDir
    Path out;

    @Test
    void writesTheRequestedNumberOfCtSlicesAtTheRequestedSize() throws Exception {
        int exit = GenerateStudyCommand.commandLine().execute(
                "--task", "ct", "--instances", "2", "--seed", "4", "--size", "32", "--out", out.toString());

        assertThat(exit).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(f -> f.toString().endsWith(".dcm"))).hasSize(2);
        }
    }

    @Test
    void forcesTheStudyUidAndOmitsTheStudySizeOnRequest() throws Exception {
        int exit = GenerateStudyCommand.commandLine().execute("--task", "fundus", "--size", "32",
                "--study-uid", "2.25.42", "--no-study-size", "--out", out.toString());

        assertThat(exit).isZero();
        Path file;
        try (Stream<Path> files = Files.list(out)) {
            file = files.findFirst().orElseThrow();
        }
        var list = DicomFiles.read(file);
        assertThat(DicomFiles.value(list, "StudyInstanceUID")).isEqualTo("2.25.42");
        assertThat(list.get(DatasetBuilder.tag("NumberOfStudyRelatedInstances"))).isNull();
    }

    @Test
    void rejectsAnUnknownTask() {
        int exit = GenerateStudyCommand.commandLine().execute("--task", "mri", "--out", out.toString());

        assertThat(exit).isNotZero();
    }
}
