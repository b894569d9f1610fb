package org.spagateway.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.spagateway.test.harness.FreePorts;

/**
 * Inference workers as separate processes, the way a deployment scales out: each a JVM of its own running the
 * gateway's launcher with only the worker switched on ({@code spa.worker.enabled}), its own output folder and health
 * port, against the benchmark's broker and the session ledger's database. They form one consumer group, so Kafka
 * shares the request partitions among them. Started and awaited (each {@code /health/ready}), stopped with SIGTERM.
 */
final class WorkerProcesses implements AutoCloseable {

    private static final Duration READY = Duration.ofMinutes(3);
    private static final Duration STOP = Duration.ofSeconds(30);

    private final List<Process> processes;

    private WorkerProcesses(List<Process> processes) {
        this.processes = processes;
    }

    /**
     * @param shared what every worker is given beside its own folder and port (broker, ledger, model, threads)
     */
    static WorkerProcesses start(int count, Path work, Map<String, String> shared)
            throws IOException, InterruptedException {
        List<Process> started = new ArrayList<>();
        List<Integer> healthPorts = new ArrayList<>();
        WorkerProcesses workers = new WorkerProcesses(started);
        try {
            for (int i = 1; i <= count; i++) {
                Path folder = Files.createDirectories(work.resolve("worker-" + i));
                int healthPort = FreePorts.find();
                Map<String, String> properties = new TreeMap<>(shared);
                properties.put("spa.worker.output-root", folder.resolve("results").toString());
                properties.put("spa.health.port", String.valueOf(healthPort));
                Path config = folder.resolve("worker.properties");
                StringBuilder text = new StringBuilder();
                properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
                Files.writeString(config, text, StandardCharsets.UTF_8);
                String java = ProcessHandle.current().info().command().orElse("java");
                started.add(new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp",
                        System.getProperty("java.class.path"), "org.spagateway.app.SpaGatewayMain",
                        "--config", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(folder.resolve("worker.log").toFile())
                        .start());
                healthPorts.add(healthPort);
            }
            for (int i = 0; i < count; i++) {
                awaitReady(started.get(i), healthPorts.get(i), work.resolve("worker-" + (i + 1)));
            }
            return workers;
        } catch (IOException | InterruptedException | RuntimeException e) {
            workers.close();
            throw e;
        }
    }

    private static void awaitReady(Process process, int healthPort, Path folder)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(READY);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("a worker process exited with " + process.exitValue() + "; see "
                        + folder.resolve("worker.log"));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting: its health port is not open yet.
            }
            // Polling a starting child process, as the test harness does for Orthanc and PostgreSQL.
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new IOException("a worker process was not ready within " + READY + "; see "
                + folder.resolve("worker.log"));
    }

    @Override
    public void close() throws InterruptedException {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
