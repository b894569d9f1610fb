package org.spagateway.test.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs dicom3tools' {@code dciodvfy} (David Clunie's IOD verifier) on one DICOM file. It checks the object against
 * the modules PS3.3 requires for its SOP Class; every line it prints that starts with {@code Error} is a conformance
 * failure, {@code Warning} lines are advice. A file it cannot read at all gets an {@code Abort} line and exit status
 * 1, and no {@code Error} line: the exit status is part of the verdict. It is a local process, so unit tests may use
 * it; {@code scripts/setup.sh} installs it, so a test that needs it fails where it is missing, never skips.
 */
public final class Dciodvfy {

    public static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/dciodvfy");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path executable;

    public Dciodvfy() {
        this(DEFAULT_EXECUTABLE);
    }

    public Dciodvfy(Path executable) {
        this.executable = executable;
    }

    /**
     * @return this verifier
     * @throws AssertionError naming the tool and how to install it, when it is not installed
     */
    public Dciodvfy requireInstalled() {
        if (!Files.isExecutable(executable)) {
            throw new AssertionError("dicom3tools' dciodvfy is not installed at " + executable
                    + ": scripts/setup.sh installs it (Debian package dicom3tools)");
        }
        return this;
    }

    /**
     * Verifies {@code file}; dciodvfy prints to stderr, both streams are captured together.
     *
     * @throws AssertionError when dciodvfy is not installed
     */
    public ValidationReport validate(Path file) throws IOException {
        requireInstalled();
        Process process = new ProcessBuilder(executable.toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("dciodvfy did not finish within " + TIMEOUT + " on " + file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while verifying " + file, e);
        }
        return new ValidationReport(file, process.exitValue(), output.lines().toList());
    }

    /**
     * What dciodvfy said about one file.
     *
     * @param exitCode 0 when it verified the file without errors (warnings allowed), 1 after errors or when it could
     *                 not read the file
     */
    public record ValidationReport(Path file, int exitCode, List<String> lines) {

        public ValidationReport {
            lines = List.copyOf(lines);
        }

        public boolean hasErrors() {
            return !errors().isEmpty();
        }

        /**
         * The {@code Error} and {@code Abort} lines; when dciodvfy failed without printing one, a line saying so, so
         * a run that did not verify the file never reads as a clean one.
         */
        public List<String> errors() {
            List<String> errors = lines.stream()
                    .filter(line -> line.startsWith("Error") || line.startsWith("Abort"))
                    .toList();
            if (errors.isEmpty() && exitCode != 0) {
                return List.of("dciodvfy exited with status " + exitCode + " without an Error line");
            }
            return errors;
        }

        public List<String> warnings() {
            return lines.stream().filter(line -> line.startsWith("Warning")).toList();
        }

        public String output() {
            return String.join(System.lineSeparator(), lines);
        }
    }
}
