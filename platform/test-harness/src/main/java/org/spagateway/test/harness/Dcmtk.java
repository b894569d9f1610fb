package org.spagateway.test.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs dcmtk command-line tools ({@code echoscu}, {@code storescu}, ...) as child processes with {@code TCP_NODELAY=1}
 * in their environment (dcmtk disables Nagle's algorithm only then; without it every DIMSE message waits ~40 ms on
 * loopback for the delayed ACK). Output (stdout and stderr together) and the exit code are captured; a process that
 * outlives its timeout is killed and reported as timed out.
 */
public final class Dcmtk {

    /** Default limit for one tool run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The outcome of one run.
     *
     * @param exitCode the process exit code, -1 when it timed out
     * @param output   stdout and stderr, interleaved
     * @param timedOut whether the process was killed at the timeout
     */
    public record Result(int exitCode, String output, boolean timedOut) {
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    private Dcmtk() {
    }

    /** Whether {@code tool} (e.g. {@code storescu}) is on the PATH. */
    public static boolean available(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, tool))
                .anyMatch(Files::isExecutable);
    }

    /**
     * For tests that need dcmtk: they fail where it is missing, never skip ({@code scripts/setup.sh} installs it).
     *
     * @throws AssertionError naming the first tool that is not on the PATH
     */
    public static void requireInstalled(String... tools) {
        for (String tool : tools) {
            if (!available(tool)) {
                throw new AssertionError("dcmtk's " + tool + " is not on the PATH: scripts/setup.sh installs it "
                        + "(Debian package dcmtk)");
            }
        }
    }

    /** {@code echoscu -aet callingAe -aec calledAe host port}. */
    public static Result echoscu(String callingAe, String calledAe, String host, int port, String... extraArgs) {
        List<String> command = new ArrayList<>(List.of("echoscu", "-aet", callingAe, "-aec", calledAe));
        command.addAll(List.of(extraArgs));
        command.add(host);
        command.add(Integer.toString(port));
        return run(command, DEFAULT_TIMEOUT);
    }

    /**
     * {@code storescu -aet callingAe -aec calledAe [extraArgs] host port files...}. Pass {@code -R} in
     * {@code extraArgs} to propose only the SOP classes of the files (needed for Segmentation Storage).
     */
    public static Result storescu(String callingAe, String calledAe, String host, int port, List<Path> files,
                                  String... extraArgs) {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", callingAe, "-aec", calledAe));
        command.addAll(List.of(extraArgs));
        command.add(host);
        command.add(Integer.toString(port));
        files.forEach(file -> command.add(file.toString()));
        return run(command, DEFAULT_TIMEOUT);
    }

    /** Runs any command with {@code TCP_NODELAY=1}, capturing its output. */
    public static Result run(List<String> command, Duration timeout) {
        Path log = null;
        try {
            log = Files.createTempFile("dcmtk-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("TCP_NODELAY", "1");
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Result(finished ? process.exitValue() : -1, output, !finished);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover temp log is harmless
                }
            }
        }
    }
}
