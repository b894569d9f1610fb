package org.spagateway.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The all-in-one gateway ({@code SpaGatewayMain --config FILE}) as a child JVM with this JVM's class path, so it can
 * be killed with SIGKILL ({@link Process#destroyForcibly}) the way a power cut or the kernel's OOM killer ends it, and
 * started again on the same data. Its output goes to a log file per start.
 */
final class GatewayChild implements AutoCloseable {

    private final Process process;
    private final int healthPort;

    private GatewayChild(Process process, int healthPort) {
        this.process = process;
        this.healthPort = healthPort;
    }

    static GatewayChild start(Path config, Path log, int healthPort) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx2g", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "org.spagateway.app.SpaGatewayMain", "--config",
                config.toString()));
        builder.environment().put("DJL_OFFLINE", "true");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new GatewayChild(builder.start(), healthPort);
    }

    /** Waits until {@code GET /health/ready} answers 200; false when the process ended or the time ran out. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook stops every service in order. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
