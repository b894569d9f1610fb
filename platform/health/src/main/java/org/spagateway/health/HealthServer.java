package org.spagateway.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's health over HTTP for an orchestrator or a load balancer: {@code GET /health/live} and
 * {@code GET /health/ready} answer 200 with {@code "status":"UP"} or 503 with {@code "status":"DOWN"}, and every
 * check's status and detail ({@link HealthReport#toJson}); with a {@link MetricsScrape}, {@code GET /metrics} answers
 * the process's metrics for Prometheus on the same port. Nothing else is served (404; 405 for another method), no
 * request body is read, and two threads serve it, so it costs nothing when idle and cannot take the process down.
 */
public final class HealthServer implements AutoCloseable {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String METRICS = "/metrics";
    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code checks} on {@code bindAddress:port} (port 0: any free port), no metrics. */
    public static HealthServer start(HealthChecks checks, String bindAddress, int port) throws IOException {
        return start(checks, Optional.empty(), bindAddress, port);
    }

    /** Serves {@code checks}, and {@code metrics} when present, on {@code bindAddress:port} (0: any free port). */
    public static HealthServer start(HealthChecks checks, Optional<MetricsScrape> metrics, String bindAddress,
                                     int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "spa-health-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, checks, metrics));
        server.start();
        LOG.info("Health on http://{}:{}{} and {}{}", bindAddress, server.getAddress().getPort(), LIVE, READY,
                metrics.isPresent() ? ", metrics on " + METRICS : "");
        return new HealthServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, HealthChecks checks, Optional<MetricsScrape> metrics)
            throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean metricsPath = metrics.isPresent() && path.equals(METRICS);
            if (!path.equals(LIVE) && !path.equals(READY) && !metricsPath) {
                send(exchange, 404, "{\"status\":\"NOT_FOUND\",\"paths\":[\"" + LIVE + "\",\"" + READY + "\""
                        + (metrics.isPresent() ? ",\"" + METRICS + "\"" : "") + "]}");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().add("Allow", "GET");
                send(exchange, 405, "{\"status\":\"METHOD_NOT_ALLOWED\"}");
                return;
            }
            if (metricsPath) {
                MetricsScrape.Exposition scrape;
                try {
                    scrape = metrics.get().scrape(exchange.getRequestHeaders().getFirst("Accept"));
                } catch (RuntimeException e) {
                    LOG.warn("Scraping the metrics failed: {}", e.toString());
                    send(exchange, 500, "{\"status\":\"SCRAPE_FAILED\"}");
                    return;
                }
                send(exchange, 200, scrape.contentType(), scrape.body());
                return;
            }
            HealthReport report = path.equals(LIVE) ? checks.liveness() : checks.readiness();
            send(exchange, report.up() ? 200 : 503, report.toJson());
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
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
