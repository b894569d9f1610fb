package org.spagateway.test.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs dicom3tools' {@code dcentvfy}, which checks that files claiming the same patient, study, series,
 * equipment and frame of reference agree on those entities' attributes. It prints nothing when they agree and an
 * {@code Error} or {@code Warning} line per inconsistency. {@code scripts/setup.sh} installs it, so a test that needs
 * it fails where it is missing, never skips.
 */
public final class Dcentvfy {

    public static final Path EXECUTABLE = Path.of("/usr/bin/dcentvfy");

    private Dcentvfy() {
    }

    /** @throws AssertionError naming the tool and how to install it, when it is not installed */
    public static void requireInstalled() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new AssertionError("dicom3tools' dcentvfy is not installed at " + EXECUTABLE
                    + ": scripts/setup.sh installs it (Debian package dicom3tools)");
        }
    }

    /** @throws AssertionError when dcentvfy is not installed */
    public static Result run(Path... files) throws IOException, InterruptedException {
        requireInstalled();
        List<String> command = new ArrayList<>();
        command.add(EXECUTABLE.toString());
        for (Path file : files) {
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("dcentvfy did not finish within 60 s");
        }
        return new Result(process.exitValue(), output.lines().toList());
    }

    /** Exit status (0 when consistent) and every line printed. */
    public record Result(int exitCode, List<String> lines) {

        public Result {
            lines = List.copyOf(lines);
        }

        public String output() {
            return String.join(System.lineSeparator(), lines);
        }
    }
}
