package org.spagateway.seg.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.spagateway.dicom.sender.ExportFailurePolicy;
import org.spagateway.dicom.sender.StoreFailure;
import org.spagateway.dicom.sender.StoreOutcome;
import org.spagateway.kafka.support.TraceParent;

/**
 * The export's DICOMweb client: STOW-RS Store Instances (PS3.18 10.5) of one SEG per request, over HTTP/1.1 with the
 * configured trust store for https, the destination's credentials, the attempt's W3C {@code traceparent} and a
 * timeout on the connection and on the whole request. Answers are judged by {@link StowRsResponse}; a failure to
 * connect or a timeout is a destination that is down.
 */
final class StowRsClient implements AutoCloseable {

    /** The answer asked for: DICOM JSON (PS3.18 F.2), which Orthanc and cloud archives all give. */
    static final String ACCEPT = "application/dicom+json";

    private final HttpClient client;
    private final ExecutorService executor;
    private final Duration requestTimeout;

    /**
     * @param timeout the longest connect and the longest whole request ({@code spa.export.store-timeout})
     * @param tls     the trust store of https destinations; empty: the JVM's default CAs
     */
    StowRsClient(Duration timeout, Optional<SSLContext> tls) {
        this.requestTimeout = timeout;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "stow-rs-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // HTTP/1.1: DICOMweb servers (Orthanc's CivetWeb among them) do not all speak HTTP/2, and an h2c upgrade
        // with a large body costs a round trip. Redirects are not followed: a moved server is a configuration
        // error, and following could hand the SEG and the credentials to a host nobody configured.
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).executor(executor);
        tls.ifPresent(builder::sslContext);
        this.client = builder.build();
    }

    /**
     * POSTs {@code part10File} to {@code destination}'s {@code /studies}; never throws for a failed send.
     *
     * @param sopInstanceUid the SEG's SOP Instance UID, looked up in the response's sequences
     */
    StoreOutcome store(Path part10File, String sopInstanceUid, StowRsDestination destination, String traceparent)
            throws InterruptedException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(part10File);
        } catch (IOException e) {
            return StoreOutcome.failed(StoreFailure.FILE_UNREADABLE, "cannot read the SEG file "
                    + part10File.getFileName() + ": " + e.getClass().getSimpleName());
        }
        StowRsRequest body = StowRsRequest.of(bytes);
        HttpRequest.Builder request = HttpRequest.newBuilder(destination.studiesUrl())
                .timeout(requestTimeout)
                .header("Content-Type", body.contentType())
                .header("Accept", ACCEPT)
                .header("User-Agent", "spa-gateway")
                .header(TraceParent.HEADER, traceparent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.body()));
        destination.authorization().ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return StowRsResponse.classify(response.statusCode(), response.body(), sopInstanceUid);
        } catch (IOException e) {
            StoreFailure failure = ExportFailurePolicy.forIoException(e);
            return StoreOutcome.failed(failure, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** Stops the HTTP client's worker threads. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
