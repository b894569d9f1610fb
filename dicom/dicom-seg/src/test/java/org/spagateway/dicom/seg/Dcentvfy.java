package org.spagateway.dicom.seg;

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
 * {@code Error} or {@code Warning} line per inconsistency.
 */
final class Dcentvfy {

    static final Path EXECUTABLE = Path.of("/usr/bin/dcentvfy");

    private Dcentvfy() {
    }

    static boolean isAvailable() {
        return Files.isExecutable(EXECUTABLE);
    }

    static Result run(Path... files) throws IOException, InterruptedException {
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
    record Result(int exitCode, List<String> lines) {

        String output() {
            return String.join(System.lineSeparator(), lines);
        }
    }
}
