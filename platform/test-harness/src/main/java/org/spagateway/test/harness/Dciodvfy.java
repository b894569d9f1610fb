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
 * failure, {@code Warning} lines are advice. It is a local process, so unit tests may use it.
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

    /** Whether the verifier is installed, so tests can skip with a clear reason where it is not. */
    public boolean isAvailable() {
        return Files.isExecutable(executable);
    }

    /** Verifies {@code file}; dciodvfy prints to stderr, both streams are captured together. */
    public ValidationReport validate(Path file) throws IOException {
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

    /** What dciodvfy said about one file. */
    public record ValidationReport(Path file, int exitCode, List<String> lines) {

        public ValidationReport {
            lines = List.copyOf(lines);
        }

        public boolean hasErrors() {
            return !errors().isEmpty();
        }

        public List<String> errors() {
            return lines.stream().filter(line -> line.startsWith("Error")).toList();
        }

        public List<String> warnings() {
            return lines.stream().filter(line -> line.startsWith("Warning")).toList();
        }

        public String output() {
            return String.join(System.lineSeparator(), lines);
        }
    }
}
