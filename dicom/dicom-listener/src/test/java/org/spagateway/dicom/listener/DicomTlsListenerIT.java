package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.configuration.TlsStores;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.StudyReceived;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.OrthancProcess;
import org.spagateway.test.harness.TestPki;

/**
 * The listener with DICOM TLS (PS3.15 B.1) on 127.0.0.1, driven by dcmtk's storescu and echoscu with their TLS
 * options ({@code +tls key cert}, {@code +cf ca}): a trusted client stores a study as over plain DICOM, and every
 * refusal is met as a modality would meet it (plain client, wrong CA, no or expired certificate, an AE title bound to
 * another certificate, a peer that never handshakes), with nothing stored.
 */
class DicomTlsListenerIT {

    private static final String AE = "SPA_GATEWAY";
    private static final String HOST = "127.0.0.1";
    private static final char[] PASSWORD = TestPki.PASSWORD.toCharArray();

    @TempDir
    static Path pkiDir;
    @TempDir
    Path storage;
    @TempDir
    Path studies;
    private static TestPki pki;
    private static TestPki otherPki;
    private static TestPki.Issued server;
    private static TestPki.Issued modalityA;
    private static TestPki.Issued modalityB;
    private static TestPki.Issued expired;
    private static TestPki.Issued otherCaClient;
    private final List<EventEnvelope<StudyReceived>> events = new CopyOnWriteArrayList<>();
    private final List<Socket> rawSockets = new ArrayList<>();
    private DicomListener listener;

    @BeforeAll
    static void createPki() {
        Dcmtk.requireInstalled("storescu", "echoscu");
        pki = TestPki.create(pkiDir.resolve("hospital"), "hospital-ca");
        server = pki.issue("spa-gateway");
        modalityA = pki.issue("modality-a");
        modalityB = pki.issue("modality-b");
        expired = pki.issue("modality-expired", Instant.now().minus(Duration.ofDays(1)));
        otherPki = TestPki.create(pkiDir.resolve("other"), "other-ca");
        otherCaClient = otherPki.issue("modality-a");
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : rawSockets) {
            socket.close();
        }
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void storesAStudySentOverTlsByAClientWithATrustedCertificate() throws IOException {
        start(Map.of("spa.listener.completeness.quiet-period", "1s"));
        GeneratedStudy study = generate(StudySpec.of(DemoTask.CT, 3, 31).withDeclaredStudySize(false));

        Dcmtk.Result store = storescuTls("STORESCU", modalityA, study.files());

        assertThat(store.succeeded()).as(store.output()).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> events.size() == 1);
        StudyReceived data = events.get(0).data();
        assertThat(data.studyInstanceUid()).isEqualTo(study.studyInstanceUid());
        assertThat(data.callingAeTitle()).isEqualTo("STORESCU");
        assertThat(data.instanceCount()).isEqualTo(3);
        assertThat(storedFiles()).hasSize(3);
    }

    @Test
    void answersEchoOverTls() throws IOException {
        start(Map.of());

        Dcmtk.Result echo = Dcmtk.echoscu("ECHOSCU", AE, HOST, listener.port(), tlsArgs(modalityA));

        assertThat(echo.succeeded()).as(echo.output()).isTrue();
    }

    @Test
    void refusesAPlainClientOnTheTlsPortAndStoresNothing() throws IOException {
        start(Map.of());

        Dcmtk.Result store = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(),
                generate(StudySpec.of(DemoTask.CT, 1, 32)).files());

        assertThat(store.succeeded()).as(store.output()).isFalse();
        assertThat(store.timedOut()).isFalse();
        assertThat(storedFiles()).isEmpty();
        assertThat(listener.freeAssociationSlots()).isEqualTo(8);
    }

    @Test
    void refusesAClientCertificateFromAnotherCa() throws IOException {
        start(Map.of());

        Dcmtk.Result store = storescuTls("STORESCU", otherCaClient, generate(StudySpec.of(DemoTask.CT, 1, 33)).files());

        assertThat(store.succeeded()).as(store.output()).isFalse();
        assertThat(store.timedOut()).isFalse();
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void refusesAClientWithoutCertificateWhenOneIsRequired() throws IOException {
        start(Map.of());
        List<String> args = List.of("+tla", "+cf", pki.caCertificatePem().toString());

        Dcmtk.Result store = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(),
                generate(StudySpec.of(DemoTask.CT, 1, 34)).files(), args.toArray(String[]::new));

        assertThat(store.succeeded()).as(store.output()).isFalse();
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void refusesAnExpiredClientCertificate() throws IOException {
        start(Map.of());

        Dcmtk.Result store = storescuTls("STORESCU", expired, generate(StudySpec.of(DemoTask.CT, 1, 35)).files());

        assertThat(store.succeeded()).as(store.output()).isFalse();
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void rejectsACallingAeBoundToAnotherCertificate() throws IOException {
        start(Map.of("spa.listener.calling-aes", "MODALITY_A@cn=modality-a,ECHOSCU"));
        List<Path> files = generate(StudySpec.of(DemoTask.CT, 1, 36)).files();

        Dcmtk.Result spoofed = storescuTls("MODALITY_A", modalityB, files);
        Dcmtk.Result genuine = storescuTls("MODALITY_A", modalityA, files);

        assertThat(spoofed.succeeded()).as(spoofed.output()).isFalse();
        assertThat(spoofed.output()).containsIgnoringCase("Calling AE Title Not Recognized");
        assertThat(genuine.succeeded()).as(genuine.output()).isTrue();
        assertThat(storedFiles()).hasSize(1);
    }

    @Test
    void rejectsAnAeWithItsOwnCertificateWhenItCallsFromAnotherHost() throws IOException {
        // Every test connection comes from 127.0.0.1: to the listener that is another host than 10.0.0.5.
        start(Map.of("spa.listener.calling-aes", "MODALITY_A@10.0.0.5,MODALITY_A@cn=modality-a,ECHOSCU"));

        Dcmtk.Result store = storescuTls("MODALITY_A", modalityA, generate(StudySpec.of(DemoTask.CT, 1, 39)).files());

        assertThat(store.succeeded()).as(store.output()).isFalse();
        assertThat(store.output()).containsIgnoringCase("Calling AE Title Not Recognized");
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void aCertificateBoundAeIsRejectedWithoutACertificateWhenClientCertificatesAreOnlyWanted() throws IOException {
        start(Map.of("spa.listener.tls.client-auth", "want",
                "spa.listener.calling-aes", "MODALITY_A@cn=modality-a,STORESCU"));
        List<Path> files = generate(StudySpec.of(DemoTask.CT, 1, 37)).files();
        String[] anonymous = {"+tla", "+cf", pki.caCertificatePem().toString()};

        Dcmtk.Result bound = Dcmtk.storescu("MODALITY_A", AE, HOST, listener.port(), files, anonymous);
        Dcmtk.Result unbound = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), files, anonymous);

        assertThat(bound.succeeded()).as(bound.output()).isFalse();
        assertThat(bound.output()).containsIgnoringCase("Calling AE Title Not Recognized");
        assertThat(unbound.succeeded()).as(unbound.output()).isTrue();
    }

    @Test
    void refusesAClientOfferingOnlyATlsVersionTheListenerDoesNotAccept() throws IOException {
        start(Map.of("spa.listener.tls.protocols", "TLSv1.3"));
        SSLContext client = TlsStores.context(TlsStores.keyManagers(modalityA.keyStore(), PASSWORD),
                TlsStores.trustManagers(pki.trustStore(), PASSWORD));
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(HOST, listener.port());
        rawSockets.add(socket);
        socket.setSoTimeout(20_000);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});

        assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
        assertThat(listener.freeAssociationSlots()).isEqualTo(8);
    }

    @Test
    void aPeerThatNeverHandshakesIsDisconnectedAtTheAssociationRequestTimeout() throws IOException {
        start(Map.of("spa.listener.association-request-timeout", "1s"));
        Socket silent = new Socket(InetAddress.getLoopbackAddress(), listener.port());
        rawSockets.add(silent);
        silent.setSoTimeout(20_000);
        InputStream in = silent.getInputStream();

        long started = System.nanoTime();
        assertThat(in.read()).as("end of stream: the listener closed the connection").isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.pendingConnectionCount() == 0);
        Dcmtk.Result echo = Dcmtk.echoscu("ECHOSCU", AE, HOST, listener.port(), tlsArgs(modalityA));
        assertThat(echo.succeeded()).as(echo.output()).isTrue();
    }

    @Test
    void storesWhatOrthancSendsOverDicomTlsAsACertificateBoundAe() throws Exception {
        start(Map.of("spa.listener.calling-aes", "ORTHANC@cn=orthanc", "spa.listener.completeness.quiet-period", "1s"));
        TestPki.Issued orthancCertificate = pki.issue("orthanc");
        GeneratedStudy study = generate(StudySpec.of(DemoTask.CT, 2, 38).withDeclaredStudySize(false));

        try (OrthancProcess orthanc = OrthancProcess.start(studies.resolve("orthanc"), "ORTHANC",
                new OrthancProcess.Destination(AE, HOST, listener.port()),
                new OrthancProcess.DicomTls(orthancCertificate.certificatePem(), orthancCertificate.privateKeyPem(),
                        pki.caCertificatePem(), true))) {
            for (Path file : study.files()) {
                orthanc.upload(file);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> events.size() == 1);
        }
        StudyReceived data = events.get(0).data();
        assertThat(data.callingAeTitle()).isEqualTo("ORTHANC");
        assertThat(data.instanceCount()).isEqualTo(2);
        assertThat(storedFiles()).hasSize(2);
    }

    @Test
    void refusesOrthancPresentingACertificateFromAnotherCaThroughItsRestStore() throws Exception {
        start(Map.of("spa.listener.calling-aes", "ORTHANC"));
        TestPki.Issued foreign = otherPki.issue("orthanc");
        Path file = generate(StudySpec.of(DemoTask.CT, 1, 40)).files().get(0);

        try (OrthancProcess orthanc = OrthancProcess.start(studies.resolve("orthanc-foreign"), "ORTHANC",
                new OrthancProcess.Destination(AE, HOST, listener.port()),
                new OrthancProcess.DicomTls(foreign.certificatePem(), foreign.privateKeyPem(),
                        pki.caCertificatePem(), true))) {
            String id = orthanc.upload(file);

            HttpResponse<String> store = orthanc.post("/modalities/" + OrthancProcess.ROUTE_TARGET + "/store", id);

            assertThat(store.statusCode()).as(store.body()).isNotEqualTo(200);
        }
        assertThat(storedFiles()).isEmpty();
    }

    private Dcmtk.Result storescuTls(String callingAe, TestPki.Issued client, List<Path> files) {
        return Dcmtk.storescu(callingAe, AE, HOST, listener.port(), files, tlsArgs(client));
    }

    private static String[] tlsArgs(TestPki.Issued client) {
        return new String[] {"+tls", client.privateKeyPem().toString(), client.certificatePem().toString(), "-pw",
                "+cf", pki.caCertificatePem().toString()};
    }

    private void start(Map<String, String> overrides) throws IOException {
        Map<String, String> properties = new HashMap<>(Map.of(
                "spa.listener.ae-title", AE,
                "spa.listener.port", "0",
                "spa.listener.storage-root", storage.toString(),
                "spa.listener.calling-aes", "STORESCU@127.0.0.1,ECHOSCU",
                "spa.listener.tls.enabled", "true",
                "spa.listener.tls.key-store", server.keyStore().toString(),
                "spa.listener.tls.key-store-password", TestPki.PASSWORD,
                "spa.listener.tls.trust-store", pki.trustStore().toString(),
                "spa.listener.tls.trust-store-password", TestPki.PASSWORD));
        properties.putAll(overrides);
        listener = new DicomListener(ListenerConfig.from(ConfigSource.of(properties)), events::add,
                Clock.systemUTC());
        listener.start();
    }

    private GeneratedStudy generate(StudySpec spec) throws IOException {
        return new SyntheticStudyGenerator().generate(spec, Files.createTempDirectory(studies, "study"));
    }

    private List<Path> storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(p -> p.toString().endsWith(".dcm")).toList();
        }
    }
}
