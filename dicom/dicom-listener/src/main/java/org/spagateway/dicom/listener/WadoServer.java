package org.spagateway.dicom.listener;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.dicom.listener.DicomMediaNegotiation.Representation;

/**
 * Serves what the listener stored, WADO-RS shaped (PS3.18 10.4, Retrieve Instance):
 * {@code GET /dicom-web/studies/{study}/series/{series}/instances/{sop}} answers the stored Part 10 file, streamed as
 * it lies on disk (never held in memory), as {@code multipart/related; type="application/dicom"} with one part, or as
 * {@code application/dicom} when the client's {@code Accept} asks for it ({@link DicomMediaNegotiation}). Unknown
 * instance: 404; UIDs that are not UIDs: 400; no acceptable media type: 406; another method: 405; every error a JSON
 * body. The instance is looked up among the stored files ({@link StoredInstanceLookup}), never found by a path built
 * from the request. No UID or patient value reaches the log.
 *
 * <p>Configured by {@link WadoConfig}: plain HTTP on loopback, or HTTPS requiring a client certificate from the
 * configured CA (the TLS handshake fails without one, before any request is read). The file is opened before its
 * size is taken, so an instance replaced meanwhile (an atomic rename) is sent whole, old or new, never mixed.
 */
final class WadoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WadoServer.class);
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final StoredInstanceLookup lookup;

    private WadoServer(HttpServer server, ExecutorService executor, StoredInstanceLookup lookup) {
        this.server = server;
        this.executor = executor;
        this.lookup = lookup;
    }

    static WadoServer start(WadoConfig config, Path storageRoot) throws IOException {
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
        HttpServer server;
        if (config.tls().isPresent()) {
            WadoConfig.Tls tls = config.tls().get();
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.context()) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = tls.context().getDefaultSSLParameters();
                    parameters.setProtocols(tls.protocols().toArray(String[]::new));
                    parameters.setNeedClientAuth(true);
                    params.setSSLParameters(parameters);
                }
            });
            server = https;
        } else {
            server = HttpServer.create(address, 64);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "wado-rs-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        WadoServer wado = new WadoServer(server, executor, new StoredInstanceLookup(storageRoot));
        server.createContext("/", wado::answer);
        server.start();
        LOG.info("WADO-RS endpoint on {}://{}:{}{} ({})", config.tls().isPresent() ? "https" : "http",
                config.bindAddress(), server.getAddress().getPort(), WadoInstancePath.ROOT,
                config.tls().isPresent() ? "client certificates required" : "plain HTTP, loopback");
        return wado;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().add("Allow", "GET");
                error(exchange, 405, "METHOD_NOT_ALLOWED", "only GET is served");
                return;
            }
            WadoInstancePath.Parsed parsed = WadoInstancePath.parse(exchange.getRequestURI().getPath());
            if (parsed instanceof WadoInstancePath.Malformed malformed) {
                error(exchange, 400, "BAD_REQUEST", malformed.reason());
                return;
            }
            if (!(parsed instanceof WadoInstancePath.Instance instance)) {
                error(exchange, 404, "NOT_FOUND", "not a WADO-RS instance resource: " + WadoInstancePath.ROOT
                        + "/studies/{study}/series/{series}/instances/{sop}");
                return;
            }
            Optional<Path> file = lookup.find(instance.path());
            if (file.isEmpty()) {
                error(exchange, 404, "NOT_FOUND", "no such instance is stored here");
                return;
            }
            send(exchange, file.get());
        } catch (IOException | RuntimeException e) {
            LOG.warn("WADO-RS request failed: {}", e.toString().replaceAll("[0-9]+(\\.[0-9]+){3,}", "<uid>"));
        }
    }

    private static void send(HttpExchange exchange, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            String transferSyntax = InstanceHeaderReader.transferSyntax(Channels.newInputStream(channel));
            channel.position(0);
            Optional<Representation> representation = DicomMediaNegotiation.negotiate(
                    exchange.getRequestHeaders().getFirst("Accept"), transferSyntax);
            if (representation.isEmpty()) {
                error(exchange, 406, "NOT_ACCEPTABLE", "this endpoint serves multipart/related; "
                        + "type=\"application/dicom\" or application/dicom, in the stored transfer syntax "
                        + transferSyntax);
                return;
            }
            String partType = DicomMediaNegotiation.APPLICATION_DICOM + "; transfer-syntax=" + transferSyntax;
            byte[] head = new byte[0];
            byte[] tail = new byte[0];
            if (representation.get() == Representation.MULTIPART) {
                String boundary = UUID.randomUUID().toString();
                exchange.getResponseHeaders().add("Content-Type", "multipart/related; type=\""
                        + DicomMediaNegotiation.APPLICATION_DICOM + "\"; boundary=" + boundary);
                head = ("--" + boundary + "\r\nContent-Type: " + partType + "\r\nContent-Length: " + size
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            } else {
                exchange.getResponseHeaders().add("Content-Type", partType);
            }
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, head.length + size + tail.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(head);
                InputStream in = Channels.newInputStream(channel);
                if (in.transferTo(out) != size) {
                    throw new IOException("the stored file changed size while it was sent");
                }
                out.write(tail);
            }
            LOG.debug("WADO-RS: sent an instance of {} bytes ({})", size, representation.get());
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = ("{\"status\":\"" + code + "\",\"message\":\"" + message.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
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
