package org.spagateway.test.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Orthanc PACS (Debian's /usr/sbin/Orthanc) started as a foreground process on free loopback ports with its
 * own JSON configuration, and stopped with SIGTERM. Optionally auto-routes every stored instance to a DICOM
 * destination with a Lua {@code OnStoredInstance} script, as a hospital PACS routing rule would, and optionally loads
 * the DICOMweb plugin (Debian {@code orthanc-dicomweb}: STOW-RS, QIDO-RS, WADO-RS under {@link #dicomWebUrl()}),
 * with HTTP Basic authentication of its REST and DICOMweb APIs ({@link #startWithDicomWeb}).
 */
public final class OrthancProcess implements AutoCloseable {

    /** The modality name Orthanc's configuration uses for the auto-routing destination. */
    public static final String ROUTE_TARGET = "spa";
    /** Debian's {@code orthanc-dicomweb} plugin (1.7 for Orthanc 1.10.1). */
    public static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    /** Where the DICOMweb plugin serves its APIs, below the HTTP root. */
    public static final String DICOMWEB_ROOT = "/dicom-web";

    private static final Pattern ID = Pattern.compile("\"ID\"\\s*:\\s*\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Process process;
    private final int httpPort;
    private final int dicomPort;
    private final String aeTitle;
    private final Path workDir;
    private final Optional<HttpUser> user;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OrthancProcess(Process process, int httpPort, int dicomPort, String aeTitle, Path workDir,
                           Optional<HttpUser> user) {
        this.process = process;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.aeTitle = aeTitle;
        this.workDir = workDir;
        this.user = user;
    }

    /**
     * The one user of Orthanc's HTTP Basic authentication ({@code RegisteredUsers}); every request of this class
     * authenticates as it.
     */
    public record HttpUser(String username, String password) {

        /** The {@code Authorization} header value of this user. */
        public String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "HttpUser[" + username + "]";
        }
    }

    /** A destination Orthanc sends to: AE title, host and port. */
    public record Destination(String aeTitle, String host, int port) {
    }

    /**
     * Orthanc's DICOM TLS (Orthanc 1.9+): its DICOM port then speaks only TLS, and it reaches the auto-routing
     * destination over TLS too ({@code UseDicomTls}).
     *
     * @param certificatePem            Orthanc's certificate ({@code DicomTlsCertificate}), also its client certificate
     * @param privateKeyPem             its key, unencrypted ({@code DicomTlsPrivateKey})
     * @param trustedCertificatesPem    the CA certificates peers must chain to ({@code DicomTlsTrustedCertificates})
     * @param remoteCertificateRequired whether SCUs must present a certificate
     *                                  ({@code DicomTlsRemoteCertificateRequired})
     */
    public record DicomTls(Path certificatePem, Path privateKeyPem, Path trustedCertificatesPem,
                           boolean remoteCertificateRequired) {
    }

    /**
     * Starts Orthanc with AE title {@code aeTitle}. When {@code autoRouteTo} is given, every instance Orthanc stores
     * (through REST or DICOM) is sent on to it by C-STORE.
     */
    public static OrthancProcess start(Path workDir, String aeTitle, Destination autoRouteTo) throws IOException {
        return start(workDir, aeTitle, autoRouteTo, null);
    }

    /** As {@link #start(Path, String, Destination)}, with DICOM TLS when {@code tls} is given. */
    public static OrthancProcess start(Path workDir, String aeTitle, Destination autoRouteTo, DicomTls tls)
            throws IOException {
        return start(workDir, aeTitle, autoRouteTo, tls, false, Optional.empty());
    }

    /**
     * Starts Orthanc with AE title {@code aeTitle} and the DICOMweb plugin ({@value #DICOMWEB_ROOT}); with
     * {@code user}, its HTTP APIs, DICOMweb included, admit only that user (HTTP Basic). Fails, naming the package,
     * where the plugin is not installed ({@code scripts/setup.sh} installs {@code orthanc-dicomweb}).
     */
    public static OrthancProcess startWithDicomWeb(Path workDir, String aeTitle, HttpUser user) throws IOException {
        if (!Files.isReadable(DICOMWEB_PLUGIN)) {
            throw new IOException(DICOMWEB_PLUGIN + " is missing: install the Debian package orthanc-dicomweb"
                    + " (scripts/setup.sh does)");
        }
        return start(workDir, aeTitle, null, null, true, Optional.ofNullable(user));
    }

    private static OrthancProcess start(Path workDir, String aeTitle, Destination autoRouteTo, DicomTls tls,
                                        boolean dicomWeb, Optional<HttpUser> user) throws IOException {
        Files.createDirectories(workDir);
        int httpPort = FreePorts.find();
        int dicomPort = FreePorts.find();
        Path lua = workDir.resolve("autoroute.lua");
        List<String> luaScripts = new ArrayList<>();
        String modalities = "{}";
        if (autoRouteTo != null) {
            Files.writeString(lua, String.join("\n",
                    "function OnStoredInstance(instanceId, tags, metadata, origin)",
                    "  SendToModality(instanceId, '" + ROUTE_TARGET + "')",
                    "end", ""));
            luaScripts.add("\"" + lua + "\"");
            modalities = "{ \"" + ROUTE_TARGET + "\" : [ \"" + autoRouteTo.aeTitle() + "\", \"" + autoRouteTo.host()
                    + "\", " + autoRouteTo.port() + " ] }";
        }
        String tlsConfig = "";
        if (tls != null) {
            tlsConfig = "  \"DicomTlsEnabled\" : true,\n"
                    + "  \"DicomTlsCertificate\" : \"" + tls.certificatePem() + "\",\n"
                    + "  \"DicomTlsPrivateKey\" : \"" + tls.privateKeyPem() + "\",\n"
                    + "  \"DicomTlsTrustedCertificates\" : \"" + tls.trustedCertificatesPem() + "\",\n"
                    + "  \"DicomTlsRemoteCertificateRequired\" : " + tls.remoteCertificateRequired() + ",\n";
            if (autoRouteTo != null) {
                modalities = "{ \"" + ROUTE_TARGET + "\" : { \"AET\" : \"" + autoRouteTo.aeTitle()
                        + "\", \"Host\" : \"" + autoRouteTo.host() + "\", \"Port\" : " + autoRouteTo.port()
                        + ", \"UseDicomTls\" : true } }";
            }
        }
        String config = "{\n"
                + "  \"Name\" : \"spa-gateway-test\",\n"
                + "  \"StorageDirectory\" : \"" + workDir.resolve("storage") + "\",\n"
                + "  \"IndexDirectory\" : \"" + workDir.resolve("index") + "\",\n"
                + "  \"HttpPort\" : " + httpPort + ",\n"
                + "  \"DicomPort\" : " + dicomPort + ",\n"
                + "  \"DicomAet\" : \"" + aeTitle + "\",\n"
                + tlsConfig
                + "  \"RemoteAccessAllowed\" : false,\n"
                // Orthanc drops an idle kept-alive connection after a second (KeepAliveTimeout), and a request the
                // JDK client then sends on the pooled connection fails with "header parser received no bytes":
                // one connection per request instead.
                + "  \"KeepAlive\" : false,\n"
                + authentication(user)
                + "  \"DicomCheckCalledAet\" : false,\n"
                + "  \"DicomAlwaysAllowStore\" : true,\n"
                + "  \"UnknownSopClassAccepted\" : true,\n"
                + "  \"SaveJobs\" : false,\n"
                + "  \"StableAge\" : 2,\n"
                + "  \"Plugins\" : [" + (dicomWeb ? "\"" + DICOMWEB_PLUGIN + "\"" : "") + "],\n"
                + (dicomWeb ? "  \"DicomWeb\" : { \"Enable\" : true, \"Root\" : \"" + DICOMWEB_ROOT + "/\" },\n" : "")
                + "  \"LuaScripts\" : [" + String.join(",", luaScripts) + "],\n"
                + "  \"DicomModalities\" : " + modalities + "\n"
                + "}\n";
        Path configFile = workDir.resolve("orthanc.json");
        Files.writeString(configFile, config);
        OrthancProcess orthanc = new OrthancProcess(launch(workDir), httpPort, dicomPort, aeTitle, workDir, user);
        orthanc.awaitReady(Duration.ofSeconds(30));
        return orthanc;
    }

    private static String authentication(Optional<HttpUser> user) {
        if (user.isEmpty()) {
            return "  \"AuthenticationEnabled\" : false,\n";
        }
        return "  \"AuthenticationEnabled\" : true,\n"
                + "  \"RegisteredUsers\" : { \"" + user.get().username() + "\" : \"" + user.get().password() + "\" },\n";
    }

    private static Process launch(Path workDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/usr/sbin/Orthanc", workDir.resolve("orthanc.json").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("orthanc.log").toFile()));
        builder.environment().put("TCP_NODELAY", "1");
        return builder.start();
    }

    /** Stops Orthanc (SIGTERM) but keeps its ports, configuration and storage for {@link #restart()}. */
    public synchronized void stop() {
        close();
    }

    /**
     * Starts Orthanc again with the same configuration: the same HTTP and DICOM ports, AE title and storage, as a
     * PACS coming back after maintenance. Ports are fixed by then, so another process may have taken one meanwhile
     * (unlikely on loopback); Orthanc then fails to start and this throws.
     */
    public synchronized void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("Orthanc is still running");
        }
        process = launch(workDir);
        awaitReady(Duration.ofSeconds(30));
    }

    /** Whether the Orthanc process is running. */
    public synchronized boolean isRunning() {
        return process.isAlive();
    }

    public int httpPort() {
        return httpPort;
    }

    public int dicomPort() {
        return dicomPort;
    }

    public String aeTitle() {
        return aeTitle;
    }

    /** The DICOMweb service root ({@code http://127.0.0.1:<port>/dicom-web}) when started with the plugin. */
    public URI dicomWebUrl() {
        return uri(DICOMWEB_ROOT);
    }

    /**
     * WADO-RS Retrieve Instance (PS3.18 10.4): the instance's Part 10 bytes, from the one
     * {@code application/dicom} part of Orthanc's {@code multipart/related} answer; fails on a non-200 status.
     */
    public byte[] retrieveInstance(String studyUid, String seriesUid, String sopInstanceUid)
            throws IOException, InterruptedException {
        String path = DICOMWEB_ROOT + "/studies/" + studyUid + "/series/" + seriesUid + "/instances/" + sopInstanceUid;
        HttpResponse<byte[]> response = http.send(request(path)
                        .header("Accept", "multipart/related; type=\"application/dicom\"").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("WADO-RS " + path + ": HTTP " + response.statusCode());
        }
        List<byte[]> parts = MultipartRelated.parts(response.headers().firstValue("Content-Type").orElse(""),
                response.body());
        if (parts.size() != 1) {
            throw new IOException("WADO-RS " + path + ": " + parts.size() + " parts, expected 1");
        }
        return parts.get(0);
    }

    public Path log() {
        return workDir.resolve("orthanc.log");
    }

    /**
     * Uploads a DICOM file through the REST API ({@code POST /instances}); returns Orthanc's instance id. Orthanc runs
     * without HTTP keep-alive, so the POST never goes out on a connection Orthanc has already closed.
     */
    public String upload(Path dicomFile) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/instances")
                        .header("Content-Type", "application/dicom")
                        .POST(HttpRequest.BodyPublishers.ofFile(dicomFile)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("Orthanc refused " + dicomFile.getFileName() + ": HTTP " + response.statusCode()
                    + " " + response.body());
        }
        Matcher id = ID.matcher(response.body());
        if (!id.find()) {
            throw new IOException("no instance ID in Orthanc's answer: " + response.body());
        }
        return id.group(1);
    }

    /** GET on the REST API; returns the body, failing on a non-200 status. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** POST on the REST API ({@code /modalities/<name>/store}, ...); the response whatever its status. */
    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** GET on the REST API, parsed as JSON; fails on a non-200 status. */
    public JsonNode getJson(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path));
    }

    /**
     * Orthanc's id of the instance with this SOP Instance UID ({@code POST /tools/lookup}), empty when it holds none.
     */
    public Optional<String> instanceId(String sopInstanceUid) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/tools/lookup")
                        .POST(HttpRequest.BodyPublishers.ofString(sopInstanceUid)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("POST /tools/lookup: HTTP " + response.statusCode());
        }
        for (JsonNode match : JSON.readTree(response.body())) {
            if ("Instance".equals(match.path("Type").asText())) {
                return Optional.of(match.path("ID").asText());
            }
        }
        return Optional.empty();
    }

    /**
     * How many times Orthanc's change log ({@code GET /changes}, read to its end) records {@code changeType} (e.g.
     * {@code NewInstance}) for the resource with Orthanc id {@code resourceId}.
     */
    public long changeCount(String changeType, String resourceId) throws IOException, InterruptedException {
        long count = 0;
        long since = 0;
        JsonNode page;
        do {
            page = getJson("/changes?limit=100&since=" + since);
            for (JsonNode change : page.path("Changes")) {
                if (changeType.equals(change.path("ChangeType").asText())
                        && resourceId.equals(change.path("ID").asText())) {
                    count++;
                }
            }
            since = page.path("Last").asLong();
        } while (!page.path("Done").asBoolean());
        return count;
    }

    /**
     * Sets Orthanc's log level ({@code PUT /tools/log-level}: {@code default}, {@code verbose} or {@code trace}). At
     * {@code verbose} it logs {@code Association Received from AET <calling AE> on IP ...} once per association and
     * {@code Incoming Store request from AET <calling AE> on IP ...} once per C-STORE (see {@link #logLines}).
     */
    public void logLevel(String level) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/tools/log-level")
                        .PUT(HttpRequest.BodyPublishers.ofString(level)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("PUT /tools/log-level " + level + ": HTTP " + response.statusCode());
        }
    }

    /** The lines of Orthanc's log that contain {@code text}. */
    public List<String> logLines(String text) throws IOException {
        try (var lines = Files.lines(log(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).toList();
        }
    }

    /** Number of instances Orthanc holds ({@code GET /statistics}). */
    public int instanceCount() throws IOException, InterruptedException {
        Matcher count = Pattern.compile("\"CountInstances\"\\s*:\\s*(\\d+)").matcher(get("/statistics"));
        if (!count.find()) {
            throw new IOException("no CountInstances in /statistics");
        }
        return Integer.parseInt(count.group(1));
    }

    /** A request to {@code path}, authenticated when Orthanc requires it. */
    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        user.ifPresent(u -> request.header("Authorization", u.authorization()));
        return request;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private void awaitReady(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc exited with " + process.exitValue() + "; see " + log());
            }
            try {
                get("/system");
                return;
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Orthanc", e);
            }
            try {
                // Not a test wait: polling a starting child process at 50 ms intervals.
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Orthanc", e);
            }
        }
        close();
        throw new IOException("Orthanc did not answer on port " + httpPort + " within " + timeout, last);
    }

    /** Stops Orthanc with SIGTERM and waits for it; kills it if it does not stop within 10 s. */
    @Override
    public synchronized void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
