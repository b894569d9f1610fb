package org.spagateway.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run of dciodvfy that did not verify the file never reads as a clean one. */
class DciodvfyTest {

    private final Dciodvfy dciodvfy = new Dciodvfy().requireInstalled();

    @TempDir
    Path directory;

    @Test
    void aFileDciodvfyCannotOpenIsAnErrorThoughItPrintsNoErrorLine() throws Exception {
        Dciodvfy.ValidationReport report = dciodvfy.validate(directory.resolve("absent.dcm"));

        assertThat(report.exitCode()).isNotZero();
        assertThat(report.lines()).noneMatch(line -> line.startsWith("Error"));
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.errors()).anyMatch(line -> line.startsWith("Abort - File open for read failed"));
    }

    @Test
    void aFileThatIsNotDicomIsAnError() throws Exception {
        Dciodvfy.ValidationReport report = dciodvfy.validate(Files.writeString(directory.resolve("text.dcm"),
                "not a DICOM file"));

        assertThat(report.exitCode()).isNotZero();
        assertThat(report.hasErrors()).isTrue();
    }

    @Test
    void aFailedExitWithoutAnyErrorOrAbortLineStillCountsAsAnError() {
        Dciodvfy.ValidationReport report = new Dciodvfy.ValidationReport(Path.of("x.dcm"), 1,
                List.of("Segmentation", "Warning - Unrecognized tag"));

        assertThat(report.errors()).containsExactly("dciodvfy exited with status 1 without an Error line");
    }

    @Test
    void warningsWithASuccessfulExitAreNoErrors() {
        Dciodvfy.ValidationReport report = new Dciodvfy.ValidationReport(Path.of("x.dcm"), 0,
                List.of("Segmentation", "Warning - Missing attribute or value that would be needed to build DICOMDIR"));

        assertThat(report.hasErrors()).isFalse();
        assertThat(report.warnings()).hasSize(1);
    }

    @Test
    void aMissingVerifierFailsNamingTheToolAndTheSetUpScript() {
        assertThatThrownBy(() -> new Dciodvfy(directory.resolve("dciodvfy")).validate(directory.resolve("x.dcm")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dciodvfy is not installed")
                .hasMessageContaining("scripts/setup.sh installs it");
    }
}
