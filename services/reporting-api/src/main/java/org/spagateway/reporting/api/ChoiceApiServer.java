package org.spagateway.reporting.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The choice API's HTTP server: Jetty 12 with one core {@link Handler}, no servlets. It keeps at most
 * {@link ChoiceApiConfig#maxBodyBytes()} of a body (413 beyond, after reading a longer body to its end when that is
 * cheap: {@link ApiHandler#readAtMost}), hands the request to {@link ChoiceApi} and writes the JSON answer. Handlers
 * block (ledger reads, Kafka acknowledgements) on a small, bounded thread pool. With
 * {@code spa.choices.tls.key-store} the connector speaks HTTPS only (TLS 1.2/1.3, optionally client certificates);
 * without it, plain HTTP, with a warning when bound beyond loopback (a TLS-terminating proxy must then be in front).
 * {@code GET /events} is the exception to "one request, one answer": an admitted stream is handed to the
 * {@link SessionEventHub} and held open without a thread ({@link JettyEventStreamSink}). Every answer carries
 * {@code X-Content-Type-Options: nosniff}.
 */
public final class ChoiceApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChoiceApiServer.class);
    private static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 2;
    private static final long STOP_TIMEOUT_MS = 5_000;
    /** How long an over-long body may take to be read and dropped before its 413 ({@link ApiHandler#readAtMost}). */
    private static final long DRAIN_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    private final Server jetty;
    private final String host;
    private final int port;
    private final boolean https;
    private Optional<SessionEventHub> ownedHub = Optional.empty();

    private ChoiceApiServer(Server jetty, String host, int port, boolean https) {
        this.jetty = jetty;
        this.host = host;
        this.port = port;
        this.https = https;
    }

    /** Without live events: {@code GET /events} streams carry heartbeats only (the server closes its hub). */
    public static ChoiceApiServer start(ChoiceApiConfig config, ChoiceApi api) {
        SessionEventHub quiet = new SessionEventHub(sessionId -> Optional.empty(), config.events());
        ChoiceApiServer server = start(config, api, quiet, new CompositeMeterRegistry());
        server.ownedHub = Optional.of(quiet);
        return server;
    }

    /**
     * @param events  the hub {@code GET /events} streams are opened on; closed by its owner before this server
     * @param metrics where each answer is counted ({@link ChoiceApiMetrics})
     */
    public static ChoiceApiServer start(ChoiceApiConfig config, ChoiceApi api, SessionEventHub events,
                                        MeterRegistry metrics) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("choice-api");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // A body slower than this is cut off (408), whatever its size: no client holds a thread with a trickle.
        http.setMinRequestDataRate(config.minBodyRate());
        ServerConnector connector = config.tls().enabled()
                ? new ServerConnector(jetty,
                        new SslConnectionFactory(tls(config.tls()), HttpVersion.HTTP_1_1.asString()),
                        new HttpConnectionFactory(http))
                : new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setIdleTimeout(config.readTimeout().toMillis());
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        jetty.addConnector(connector);
        jetty.setHandler(new MeteredApiHandler(new ApiHandler(api, config.maxBodyBytes(), events),
                new ChoiceApiMetrics(metrics)));
        jetty.setStopTimeout(STOP_TIMEOUT_MS);
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty);
            throw new IllegalStateException("the choice API could not listen on " + config.bindAddress() + ":"
                    + config.port(), e);
        }
        ChoiceApiServer server = new ChoiceApiServer(jetty, config.bindAddress(), connector.getLocalPort(),
                config.tls().enabled());
        if (!config.tls().enabled() && !ChoiceAuthConfig.loopback(config.bindAddress())) {
            // Not refused: TLS may be terminated by a proxy in front. Bearer tokens must never cross a network in
            // the clear (RFC 6750 section 5.3).
            LOG.warn("The choice API listens on {} over plain HTTP: bearer tokens cross the network in the clear"
                    + " unless a TLS-terminating proxy is in front; set {} for HTTPS", config.bindAddress(),
                    ChoiceTlsConfig.KEY_STORE);
        }
        LOG.info("Choice API listening at {}", server.baseUri());
        return server;
    }

    public int port() {
        return port;
    }

    /** For example {@code http://127.0.0.1:8090}, or {@code https://...} with a key store. */
    public String baseUri() {
        String literal = host.contains(":") ? "[" + host + "]" : host;
        return (https ? "https://" : "http://") + literal + ":" + port;
    }

    /** TLS 1.2 and 1.3 only (RFC 8996 deprecates the older versions), with Jetty's default cipher exclusions. */
    private static SslContextFactory.Server tls(ChoiceTlsConfig config) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(config.keyStore().orElseThrow().toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(config.keyStorePassword());
        config.trustStore().ifPresent(trustStore -> {
            tls.setTrustStorePath(trustStore.toString());
            tls.setTrustStoreType("PKCS12");
            tls.setTrustStorePassword(config.trustStorePassword());
        });
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        tls.setWantClientAuth(config.clientAuth() == ChoiceTlsConfig.ClientAuth.WANT);
        tls.setNeedClientAuth(config.clientAuth() == ChoiceTlsConfig.ClientAuth.NEED);
        return tls;
    }

    /** Stops accepting, lets in-flight requests finish for a few seconds, then stops the threads. */
    @Override
    public void close() {
        ownedHub.ifPresent(SessionEventHub::close);
        stopQuietly(jetty);
        LOG.info("Choice API on port {} stopped", port);
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the choice API failed", e);
        }
    }

    /** Carries one request to {@link ChoiceApi} and its answer back. */
    private static final class ApiHandler extends Handler.Abstract {

        private final ChoiceApi api;
        private final int maxBodyBytes;
        /** Bodies up to this long are read to their end even when over the limit (see {@link #readAtMost}). */
        private final long drainLimitBytes;
        private final SessionEventHub events;

        ApiHandler(ChoiceApi api, int maxBodyBytes, SessionEventHub events) {
            super(InvocationType.BLOCKING);
            this.api = api;
            this.maxBodyBytes = maxBodyBytes;
            this.drainLimitBytes = Math.max(1L << 20, 4L * maxBodyBytes);
            this.events = events;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws IOException {
            String path = Request.getPathInContext(request);
            Map<String, String> headers = headers(request);
            ApiResponse answer;
            Optional<ApiResponse> early = api.beforeBody(request.getMethod(), path, headers);
            if (early.isPresent()) {
                // Answered without reading the body; the connection is closed after the answer, so the unread body
                // is never read either.
                LOG.info("{} {} from {}: {} {} before the body", request.getMethod(), path,
                        Request.getRemoteAddr(request), early.get().status(), early.get().code());
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                send(response, callback, early.get());
                return true;
            }
            String query = request.getHttpURI().getQuery();
            if (path.equals(ChoiceApi.EVENTS)) {
                openStream(new ApiRequest(request.getMethod(), path, query, headers, new byte[0],
                        Request.getRemoteAddr(request)), request, response, callback);
                return true;
            }
            byte[] body;
            try {
                body = readAtMost(request);
            } catch (IOException | BadMessageException e) {
                // Idle past the read timeout, or slower than the minimum body rate.
                LOG.info("{} {} from {}: 408, the body did not arrive in time ({})", request.getMethod(), path,
                        Request.getRemoteAddr(request), e.getMessage());
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                send(response, callback, ApiResponse.error(408, "REQUEST_TIMEOUT",
                        "the request body did not arrive in time"));
                return true;
            }
            if (body == null) {
                LOG.info("{} {} from {}: 413, body over {} bytes", request.getMethod(), path,
                        Request.getRemoteAddr(request), maxBodyBytes);
                answer = ApiResponse.error(413, "BODY_TOO_LARGE", "the body exceeds " + maxBodyBytes + " bytes");
            } else {
                answer = api.handle(new ApiRequest(request.getMethod(), path, query, headers, body,
                        Request.getRemoteAddr(request)));
            }
            send(response, callback, answer);
            return true;
        }

        /**
         * {@code GET /events}: admitted callers get a {@code text/event-stream} held open by the hub; the
         * connection's idle timeout becomes a few heartbeats, so a stream outlives the API's short read timeout
         * while a dead client is still found.
         */
        private void openStream(ApiRequest apiRequest, Request request, Response response, Callback callback) {
            EventStreamAdmission admission = api.admitEventStream(apiRequest);
            if (admission.refusal().isPresent()) {
                LOG.info("GET {} from {}: {} {}", ChoiceApi.EVENTS, apiRequest.clientAddress(),
                        admission.refusal().get().status(), admission.refusal().get().code());
                send(response, callback, admission.refusal().get());
                return;
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.getHeaders().put("X-Accel-Buffering", "no");
            JettyEventStreamSink sink = new JettyEventStreamSink(response, callback);
            if (!events.open(admission.caller().orElseThrow(), sink)) {
                LOG.info("GET {} from {}: 503, {} streams open", ChoiceApi.EVENTS, apiRequest.clientAddress(),
                        events.config().maxStreams());
                response.reset();
                send(response, callback, ChoiceApi.tooManyStreams(events.config().maxStreams()));
                return;
            }
            request.getConnectionMetaData().getConnection().getEndPoint()
                    .setIdleTimeout(events.config().heartbeat().multipliedBy(3).toMillis());
            LOG.info("GET {} from {}: 200, stream open ({} open)", ChoiceApi.EVENTS, apiRequest.clientAddress(),
                    events.openStreams());
        }

        private static void send(Response response, Callback callback, ApiResponse answer) {
            response.setStatus(answer.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }

        /**
         * The body, or {@code null} when it is longer than {@code maxBodyBytes} (also when no Content-Length announced
         * it). Closing a connection on unread bytes resets it, and a client still sending can then lose the 413; so an
         * over-long body is first read to its end and dropped, when that is cheap: up to {@code drainLimitBytes} and
         * {@link #DRAIN_NANOS}. A client that waits for {@code 100 Continue} has sent nothing and is answered at once.
         */
        private byte[] readAtMost(Request request) throws IOException {
            long declared = request.getLength();
            if (declared > maxBodyBytes) {
                if (declared <= drainLimitBytes && !request.getHeaders().contains(HttpHeader.EXPECT, "100-continue")) {
                    try (InputStream in = Request.asInputStream(request)) {
                        discard(in, declared);
                    }
                }
                return null;
            }
            try (InputStream in = Request.asInputStream(request)) {
                byte[] body = in.readNBytes(maxBodyBytes + 1);
                if (body.length <= maxBodyBytes) {
                    return body;
                }
                discard(in, drainLimitBytes - body.length);
                return null;
            }
        }

        /**
         * Reads and drops the rest of a body: to its end, or until more than {@code max} bytes or
         * {@link #DRAIN_NANOS} have gone by, or a read fails (the 413 is answered either way).
         */
        private static void discard(InputStream in, long max) {
            byte[] buffer = new byte[8192];
            long deadline = System.nanoTime() + DRAIN_NANOS;
            long read = 0;
            try {
                for (int n = 0; n != -1 && read <= max && System.nanoTime() - deadline < 0; read += Math.max(n, 0)) {
                    n = in.read(buffer);
                }
            } catch (IOException | BadMessageException e) {
                LOG.debug("dropping an over-long body ended early: {}", e.getMessage());
            }
        }

        private static Map<String, String> headers(Request request) {
            Map<String, String> headers = new HashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), field.getValue());
            }
            return headers;
        }
    }
}
