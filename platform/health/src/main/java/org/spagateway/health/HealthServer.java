package org.spagateway.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's health over HTTP for an orchestrator or a load balancer: {@code GET /health/live} and
 * {@code GET /health/ready} answer 200 with {@code "status":"UP"} or 503 with {@code "status":"DOWN"}, and every
 * check's status and detail ({@link HealthReport#toJson}). Nothing else is served (404; 405 for another method), no
 * request body is read, and two threads serve it, so it costs nothing when idle and cannot take the process down.
 */
public final class HealthServer implements AutoCloseable {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code checks} on {@code bindAddress:port} (port 0: any free port). */
    public static HealthServer start(HealthChecks checks, String bindAddress, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "spa-health-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, checks));
        server.start();
        LOG.info("Health on http://{}:{}{} and {}", bindAddress, server.getAddress().getPort(), LIVE, READY);
        return new HealthServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, HealthChecks checks) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals(LIVE) && !path.equals(READY)) {
                send(exchange, 404, "{\"status\":\"NOT_FOUND\",\"paths\":[\"" + LIVE + "\",\"" + READY + "\"]}");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().add("Allow", "GET");
                send(exchange, 405, "{\"status\":\"METHOD_NOT_ALLOWED\"}");
                return;
            }
            HealthReport report = path.equals(LIVE) ? checks.liveness() : checks.readiness();
            send(exchange, report.up() ? 200 : 503, report.toJson());
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
