package org.spagateway.inference.worker.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.kafka.support.CorrelationScope;
import org.spagateway.kafka.support.TraceParent;

/**
 * Fetches one source instance from the edge's WADO-RS endpoint ({@code Accept: application/dicom}, PS3.18 10.4) with
 * {@link HttpClient}: the configured TLS context (trust store, client certificate), connection and whole-fetch
 * timeouts (a body that stalls is cut when the time is up), and the W3C {@code traceparent} of the request being
 * handled, so the fetch shows in the study's trace. The HTTP status is classified by {@link FetchStatus}; anything that
 * says the edge is unreachable (refused connection, timeout, reset, TLS failure, 5xx) is an {@link IOException}: the
 * worker retries it without limit. Messages name the edge's host and port, never the path (it holds UIDs).
 */
final class SourceFetcher implements SourceDownload, AutoCloseable {

    private final HttpClient client;
    private final Duration requestTimeout;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "spa-worker-source-deadline");
        thread.setDaemon(true);
        return thread;
    });

    SourceFetcher(SourceFetchConfig config) {
        // HTTP/1.1: the edge's server speaks nothing else, so no h2c upgrade or ALPN round is attempted.
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER);
        config.tls().ifPresent(builder::sslContext);
        this.client = builder.build();
        this.requestTimeout = config.requestTimeout();
    }

    /**
     * Writes the instance at {@code location} to {@code out}.
     *
     * @throws NoSuchFileException  the edge does not hold it (permanent: SOURCE_MISSING)
     * @throws SourceImageException the edge refuses the request itself (permanent)
     * @throws IOException          the edge is unreachable, down or refuses this worker's credentials (retried)
     */
    @Override
    public void fetch(URI location, OutputStream out) throws IOException, SourceImageException {
        String edge = location.getScheme() + "://" + location.getHost()
                + (location.getPort() < 0 ? "" : ":" + location.getPort());
        HttpRequest.Builder request = HttpRequest.newBuilder(location).GET().timeout(requestTimeout)
                .header("Accept", "application/dicom");
        String correlationId = MDC.get(CorrelationScope.MDC_KEY);
        if (correlationId != null) {
            request.header(TraceParent.HEADER, TraceParent.of(correlationId, UUID.randomUUID().toString()));
        }
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        HttpResponse<InputStream> response;
        try {
            response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching a source instance from " + edge);
        } catch (TimeoutException e) {
            throw new IOException("the edge " + edge + " did not answer within " + requestTimeout, e);
        } catch (ExecutionException e) {
            throw new IOException("the edge " + edge + " is unreachable: " + e.getCause(), e.getCause());
        }
        try (InputStream body = response.body()) {
            switch (FetchStatus.of(response.statusCode())) {
                case OK -> copyBefore(deadline, body, out, edge);
                case MISSING -> throw new NoSuchFileException("source instance", null, "the edge " + edge
                        + " does not hold it (HTTP " + response.statusCode() + ")");
                case RETRY -> throw new IOException("the edge " + edge + " answered HTTP " + response.statusCode()
                        + (response.statusCode() == 401 || response.statusCode() == 403
                        ? " (check spa.worker.source.tls.*: the worker's client certificate)" : ""));
                default -> throw new SourceImageException("the edge " + edge + " refused the fetch of the source "
                        + "instance with HTTP " + response.statusCode());
            }
        }
    }

    /** Copies the body, closing it when the deadline passes so a stalled edge cannot hold the worker forever. */
    private void copyBefore(long deadline, InputStream body, OutputStream out, String edge) throws IOException {
        long left = deadline - System.nanoTime();
        ScheduledFuture<?> cut = deadlines.schedule(() -> {
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is the point; the copy fails next
            }
        }, Math.max(left, 0), TimeUnit.NANOSECONDS);
        try {
            body.transferTo(out);
        } catch (IOException e) {
            throw new IOException("fetching a source instance from " + edge + " failed"
                    + (cut.isDone() ? " (no complete answer within " + requestTimeout + ")" : "") + ": " + e, e);
        } finally {
            cut.cancel(false);
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }
}
