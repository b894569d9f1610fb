package org.spagateway.inference.worker.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.listener.DicomListener;
import org.spagateway.dicom.listener.ListenerConfig;
import org.spagateway.dicom.listener.WadoConfig;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.StudyReceived;
import org.spagateway.inference.worker.WorkerFixtures;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.FreePorts;
import org.spagateway.test.harness.TestPki;

/**
 * The worker's side of the edge's HTTPS endpoint: a real listener requiring client certificates serves a study it
 * received from storescu; the worker's {@link SourceInstances}, configured with its certificate and the site CA as
 * operators do ({@code spa.worker.source.*}), gets a verified copy equal to the stored file. Without a certificate, or
 * trusting another CA, the fetch fails as a dependency failure (an {@link IOException}, retried), never as a
 * permanent one; an instance the edge does not hold is {@link NoSuchFileException} (SOURCE_MISSING).
 */
class SourceFetchTlsIT {

    private static final String AE = "SPA_GATEWAY";

    @TempDir
    static Path data;
    private static TestPki pki;
    private static DicomListener listener;
    private static final List<EventEnvelope<StudyReceived>> EVENTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startEdge() throws Exception {
        Dcmtk.requireInstalled("storescu");
        pki = TestPki.create(data.resolve("pki"), "site-ca");
        TestPki.Issued edge = pki.issue("edge");
        int port = FreePorts.findFreeLoopbackPort();
        Map<String, String> properties = new HashMap<>(Map.of(
                "spa.listener.ae-title", AE,
                "spa.listener.port", "0",
                "spa.listener.storage-root", data.resolve("dicom").toString(),
                "spa.listener.calling-aes", "STORESCU@127.0.0.1",
                "spa.listener.completeness.expected-count.modality.OP", "1",
                "spa.listener.pseudonym-key", Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)),
                WadoConfig.ENABLED, "true",
                WadoConfig.PORT, Integer.toString(port),
                WadoConfig.PUBLIC_BASE_URL, "https://localhost:" + port));
        properties.putAll(Map.of(
                WadoConfig.KEY_STORE, edge.keyStore().toString(),
                WadoConfig.KEY_STORE_PASSWORD, TestPki.PASSWORD,
                WadoConfig.TRUST_STORE, pki.trustStore().toString(),
                WadoConfig.TRUST_STORE_PASSWORD, TestPki.PASSWORD));
        listener = new DicomListener(ListenerConfig.from(ConfigSource.of(properties)), EVENTS::add,
                Clock.systemUTC());
        listener.start();
        List<Path> files = WorkerFixtures.fundusStudy(61, data.resolve("sent")).files();
        Dcmtk.Result sent = Dcmtk.storescu("STORESCU", AE, "127.0.0.1", listener.port(), files);
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> EVENTS.size() == 1);
    }

    @AfterAll
    static void stopEdge() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void fetchesAVerifiedCopyOverHttpsWithTheWorkersClientCertificate() throws Exception {
        InstanceReference source = source();
        TestPki.Issued worker = pki.issue("worker");

        try (SourceInstances sources = SourceInstances.create(config("with-cert", worker.keyStore(),
                pki.trustStore()));
             LocalSource copy = sources.open(source)) {
            assertThat(source.location()).startsWith("https://localhost:");
            assertThat(copy.path()).startsWith(data.resolve("with-cert"));
            assertThat(Files.readAllBytes(copy.path())).isEqualTo(Files.readAllBytes(storedFile(source)));
        }
    }

    @Test
    void aWorkerWithoutACertificateOrTrustingAnotherCaFailsAsADependencyFailure() {
        InstanceReference source = source();
        TestPki other = TestPki.create(data.resolve("other-pki"), "other-ca");

        try (SourceInstances noCertificate = SourceInstances.create(config("no-cert", null, pki.trustStore()));
             SourceInstances otherCa = SourceInstances.create(config("other-ca", pki.issue("w").keyStore(),
                     other.trustStore()))) {
            assertThatThrownBy(() -> noCertificate.open(source)).isInstanceOf(IOException.class)
                    .isNotInstanceOf(SourceIntegrityException.class).isNotInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> otherCa.open(source)).isInstanceOf(IOException.class)
                    .isNotInstanceOf(SourceIntegrityException.class).isNotInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void anInstanceTheEdgeDoesNotHoldIsMissing() {
        InstanceReference source = source();
        InstanceReference unknown = new InstanceReference(source.sopInstanceUid() + "9", source.sopClassUid(),
                source.transferSyntaxUid(), source.location() + "9", source.sizeBytes(), source.sha256());

        try (SourceInstances sources = SourceInstances.create(config("missing", pki.issue("worker").keyStore(),
                pki.trustStore()))) {
            assertThatThrownBy(() -> sources.open(unknown)).isInstanceOf(NoSuchFileException.class)
                    .hasMessageNotContaining(source.sopInstanceUid());
        }
    }

    private static SourceFetchConfig config(String cache, Path keyStore, Path trustStore) {
        Map<String, String> properties = new HashMap<>(Map.of(
                SourceFetchConfig.CACHE_DIR, data.resolve(cache).toString(),
                SourceFetchConfig.REQUEST_TIMEOUT, "10s",
                SourceFetchConfig.TRUST_STORE, trustStore.toString(),
                SourceFetchConfig.TRUST_STORE_PASSWORD, TestPki.PASSWORD));
        if (keyStore != null) {
            properties.put(SourceFetchConfig.KEY_STORE, keyStore.toString());
            properties.put(SourceFetchConfig.KEY_STORE_PASSWORD, TestPki.PASSWORD);
        }
        return SourceFetchConfig.from(ConfigSource.of(properties));
    }

    private static InstanceReference source() {
        return EVENTS.get(0).data().series().get(0).instances().get(0);
    }

    private static Path storedFile(InstanceReference reference) throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("dicom"))) {
            return files.filter(p -> p.getFileName().toString().equals(reference.sopInstanceUid() + ".dcm"))
                    .findFirst().orElseThrow();
        }
    }
}
