package org.spagateway.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.FreePorts;

/**
 * dcmtk's {@code storescp} (the reference C-STORE SCP) writing every instance to a folder. It never syncs: no
 * fsync or fdatasync appears in strace for a whole association, so its success means "in the page cache", like the
 * listener with {@code spa.listener.storage.fsync=false}.
 */
final class StorescpTarget implements StoreTarget {

    private static final String AE_TITLE = "STORESCP";

    private final Process process;
    private final int port;
    private final Path outputDir;

    private StorescpTarget(Process process, int port, Path outputDir) {
        this.process = process;
        this.port = port;
        this.outputDir = outputDir;
    }

    static StorescpTarget start(Path workDir) throws IOException {
        Path outputDir = Files.createDirectories(workDir.resolve("storescp"));
        int port = FreePorts.find();
        ProcessBuilder builder = new ProcessBuilder("storescp", "-aet", AE_TITLE, "-od", outputDir.toString(),
                "-fe", ".dcm", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("storescp.log").toFile());
        builder.environment().put("TCP_NODELAY", "1");
        StorescpTarget target = new StorescpTarget(builder.start(), port, outputDir);
        target.awaitEcho(Duration.ofSeconds(20));
        return target;
    }

    private void awaitEcho(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Dcmtk.echoscu("BENCH", AE_TITLE, "127.0.0.1", port).succeeded()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("storescp exited with " + process.exitValue());
            }
        }
        throw new IOException("storescp did not answer C-ECHO within " + timeout);
    }

    @Override
    public String name() {
        return "dcmtk storescp";
    }

    @Override
    public String aeTitle() {
        return AE_TITLE;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long storedInstances() throws IOException {
        try (Stream<Path> files = Files.list(outputDir)) {
            return files.filter(f -> f.toString().endsWith(".dcm")).count();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static List<String> version() {
        return List.of(Dcmtk.run(List.of("storescp", "--version"), Duration.ofSeconds(10)).output().lines()
                .findFirst().orElse("storescp"));
    }
}
