package org.spagateway.test.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * dcmtk's {@code storescp}, the reference C-STORE SCP, as a child process on 127.0.0.1 writing every instance it
 * receives to a folder; extra arguments select e.g. its TLS options ({@code +tls key cert +cf ca -rc}). Stopped with
 * SIGTERM.
 */
public final class StorescpProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path outputDir;
    private final Path log;

    private StorescpProcess(Process process, int port, Path outputDir, Path log) {
        this.process = process;
        this.port = port;
        this.outputDir = outputDir;
        this.log = log;
    }

    /** Starts {@code storescp -aet aeTitle [extraArgs] -od <workDir>/received -fe .dcm <port>}, waits for its port. */
    public static StorescpProcess start(Path workDir, String aeTitle, String... extraArgs) throws IOException {
        Path outputDir = Files.createDirectories(workDir.resolve("received"));
        Path log = workDir.resolve("storescp.log");
        int port = FreePorts.find();
        List<String> command = new ArrayList<>(List.of("storescp", "-aet", aeTitle, "-od", outputDir.toString(),
                "-fe", ".dcm"));
        command.addAll(List.of(extraArgs));
        command.add(Integer.toString(port));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("TCP_NODELAY", "1");
        StorescpProcess storescp = new StorescpProcess(builder.start(), port, outputDir, log);
        storescp.awaitPort(Duration.ofSeconds(20));
        return storescp;
    }

    public int port() {
        return port;
    }

    /** The instances received so far. */
    public List<Path> receivedFiles() throws IOException {
        try (Stream<Path> files = Files.list(outputDir)) {
            return files.filter(f -> f.toString().endsWith(".dcm")).toList();
        }
    }

    /** What storescp printed so far. */
    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private void awaitPort(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("storescp exited with " + process.exitValue() + ": " + output());
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                try {
                    // Not a test wait: polling a starting child process at 50 ms intervals.
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for storescp", interrupted);
                }
            }
        }
        close();
        throw new IOException("storescp did not listen on port " + port + " within " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
