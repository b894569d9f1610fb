package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.configuration.TlsStores;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.StudyReceived;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.FreePorts;
import org.spagateway.test.harness.TestPki;

/**
 * The listener receives a real study from dcmtk's storescu and serves it back over its WADO-RS endpoint, plain HTTP on
 * loopback and HTTPS with client certificates: the bytes served are the stored file's, the events name the endpoint's
 * URLs with the file's SHA-256, and the endpoint refuses what it must (no client certificate, another CA, unknown
 * instances, malformed UIDs, unacceptable media types, other methods).
 */
class WadoServerIT {

    private static final String AE = "SPA_GATEWAY";
    private static final String HOST = "127.0.0.1";

    @TempDir
    static Path pkiDir;
    private static TestPki pki;
    private static TestPki.Issued edge;
    private static TestPki.Issued worker;
    private static TestPki.Issued stranger;

    @TempDir
    Path storage;
    @TempDir
    Path studies;
    private final List<EventEnvelope<StudyReceived>> events = new CopyOnWriteArrayList<>();
    private DicomListener listener;

    @BeforeAll
    static void requireDcmtkAndCreatePki() {
        Dcmtk.requireInstalled("storescu");
        pki = TestPki.create(pkiDir, "edge-ca");
        edge = pki.issue("edge");
        worker = pki.issue("worker");
        stranger = TestPki.create(pkiDir.resolve("other"), "other-ca").issue("worker");
    }

    @AfterEach
    void stopListener() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void servesTheStoredFileOverHttpOnLoopbackAsMultipartOrApplicationDicom() throws Exception {
        int port = FreePorts.findFreeLoopbackPort();
        start(Map.of(WadoConfig.PORT, Integer.toString(port),
                WadoConfig.PUBLIC_BASE_URL, "http://127.0.0.1:" + port));
        InstanceReference reference = receiveOneInstance();
        Path stored = storedFile(reference);
        byte[] file = Files.readAllBytes(stored);
        HttpClient client = HttpClient.newHttpClient();

        assertThat(reference.location()).startsWith("http://127.0.0.1:" + port + "/dicom-web/studies/")
                .endsWith("/instances/" + reference.sopInstanceUid());
        assertThat(reference.sha256()).isEqualTo(InstanceStoreTest.sha256sum(stored));
        assertThat(reference.sizeBytes()).isEqualTo(file.length);

        HttpResponse<byte[]> multipart = get(client, reference.location(), null);
        assertThat(multipart.statusCode()).isEqualTo(200);
        assertThat(singlePart(multipart)).isEqualTo(file);

        HttpResponse<byte[]> single = get(client, reference.location(), "application/dicom");
        assertThat(single.statusCode()).isEqualTo(200);
        assertThat(single.headers().firstValue("Content-Type").orElseThrow())
                .isEqualTo("application/dicom; transfer-syntax=" + reference.transferSyntaxUid());
        assertThat(single.body()).isEqualTo(file);
    }

    @Test
    void answersClearErrorsForWhatItDoesNotServe() throws Exception {
        int port = FreePorts.findFreeLoopbackPort();
        start(Map.of(WadoConfig.PORT, Integer.toString(port)));
        InstanceReference reference = receiveOneInstance();
        assertThat(reference.location()).as("no public base URL: file URIs, as before").startsWith("file:");
        Path stored = storedFile(reference);
        String study = stored.getParent().getParent().getFileName().toString();
        String series = stored.getParent().getFileName().toString();
        String base = "http://127.0.0.1:" + listener.wadoPort() + "/dicom-web/studies/" + study + "/series/" + series
                + "/instances/";
        HttpClient client = HttpClient.newHttpClient();

        assertError(get(client, base + reference.sopInstanceUid() + "9", null), 404, "NOT_FOUND");
        assertError(get(client, base + "..", null), 400, "BAD_REQUEST");
        assertError(get(client, "http://127.0.0.1:" + port + "/dicom-web/studies/" + study, null), 404, "NOT_FOUND");
        assertError(get(client, base + reference.sopInstanceUid(), "application/json"), 406, "NOT_ACCEPTABLE");
        HttpResponse<byte[]> post = client.send(HttpRequest.newBuilder(URI.create(base + reference.sopInstanceUid()))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertError(post, 405, "METHOD_NOT_ALLOWED");
        assertThat(get(client, base + reference.sopInstanceUid(), "application/dicom").statusCode()).isEqualTo(200);
    }

    @Test
    void overHttpsServesOnlyClientsWithACertificateFromTheConfiguredCa() throws Exception {
        int port = FreePorts.findFreeLoopbackPort();
        start(Map.of(WadoConfig.PORT, Integer.toString(port),
                WadoConfig.PUBLIC_BASE_URL, "https://localhost:" + port,
                WadoConfig.KEY_STORE, edge.keyStore().toString(),
                WadoConfig.KEY_STORE_PASSWORD, TestPki.PASSWORD,
                WadoConfig.TRUST_STORE, pki.trustStore().toString(),
                WadoConfig.TRUST_STORE_PASSWORD, TestPki.PASSWORD));
        InstanceReference reference = receiveOneInstance();
        byte[] file = Files.readAllBytes(storedFile(reference));
        assertThat(reference.location()).startsWith("https://localhost:" + port + "/dicom-web/");

        HttpResponse<byte[]> served = get(client(worker), reference.location(), "application/dicom");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(file);

        assertThatThrownBy(() -> get(client(null), reference.location(), "application/dicom"))
                .as("no client certificate").isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(client(stranger), reference.location(), "application/dicom"))
                .as("a certificate from another CA").isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(HttpClient.newHttpClient(),
                reference.location().replace("https:", "http:"), "application/dicom"))
                .as("plain HTTP on the HTTPS port").isInstanceOf(IOException.class);
    }

    private void start(Map<String, String> wado) throws IOException {
        Map<String, String> properties = new HashMap<>(Map.of(
                "spa.listener.ae-title", AE,
                "spa.listener.port", "0",
                "spa.listener.storage-root", storage.toString(),
                "spa.listener.calling-aes", "STORESCU@127.0.0.1",
                "spa.listener.completeness.expected-count.modality.OP", "1",
                "spa.listener.pseudonym-key", Base64.getEncoder().encodeToString(TestDatasets.PSEUDONYM_KEY),
                WadoConfig.ENABLED, "true"));
        properties.putAll(wado);
        listener = new DicomListener(ListenerConfig.from(ConfigSource.of(properties)), events::add,
                Clock.systemUTC());
        listener.start();
    }

    private InstanceReference receiveOneInstance() throws IOException {
        List<Path> files = new SyntheticStudyGenerator().generate(StudySpec.of(DemoTask.FUNDUS, 1, 41),
                Files.createTempDirectory(studies, "study")).files();
        Dcmtk.Result sent = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), files);
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> events.size() == 1);
        return events.get(0).data().series().get(0).instances().get(0);
    }

    private Path storedFile(InstanceReference reference) throws IOException {
        try (var files = Files.walk(storage)) {
            return files.filter(p -> p.getFileName().toString().equals(reference.sopInstanceUid() + ".dcm"))
                    .findFirst().orElseThrow();
        }
    }

    private static HttpResponse<byte[]> get(HttpClient client, String url, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpClient client(TestPki.Issued certificate) {
        SSLContext context = TlsStores.context(certificate == null ? null
                        : TlsStores.keyManagers(certificate.keyStore(), TestPki.PASSWORD.toCharArray()),
                TlsStores.trustManagers(pki.trustStore(), TestPki.PASSWORD.toCharArray()));
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The body of the one part of a {@code multipart/related; type="application/dicom"} response (RFC 2387). */
    private static byte[] singlePart(HttpResponse<byte[]> response) {
        String contentType = response.headers().firstValue("Content-Type").orElseThrow();
        assertThat(contentType).startsWith("multipart/related; type=\"application/dicom\"; boundary=");
        Matcher boundary = Pattern.compile("boundary=([^;]+)").matcher(contentType);
        assertThat(boundary.find()).isTrue();
        String dash = "--" + boundary.group(1);
        byte[] body = response.body();
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith(dash + "\r\nContent-Type: application/dicom; transfer-syntax=");
        int start = head.indexOf("\r\n\r\n") + 4;
        byte[] tail = ("\r\n" + dash + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Arrays.copyOfRange(body, body.length - tail.length, body.length)).isEqualTo(tail);
        return Arrays.copyOfRange(body, start, body.length - tail.length);
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"status\":\"" + code + "\"");
    }
}
