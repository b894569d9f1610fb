package org.spagateway.dicom.sender;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.dicom.network.ClientTls;
import org.spagateway.dicom.network.TlsProtocols;
import org.spagateway.configuration.TlsStores;
import org.spagateway.dicom.sender.StoreOutcome.Disposition;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.OrthancProcess;
import org.spagateway.test.harness.StorescpProcess;
import org.spagateway.test.harness.TestPki;

/**
 * The C-STORE SCU over DICOM TLS (PS3.15 B.1) against dcmtk's {@code storescp +tls}, which verifies the gateway's
 * client certificate ({@code -rc}), and against Orthanc with {@code DicomTlsEnabled}; and the PACS certificates the
 * gateway must refuse: from an untrusted CA, or not naming the host the gateway connected to.
 */
class StoreScuTlsIT {

    private static final char[] PASSWORD = TestPki.PASSWORD.toCharArray();

    @TempDir
    static Path work;
    private static TestPki pki;
    private static TestPki otherPki;
    private static TestPki.Issued gateway;
    private static TestPki.Issued pacs;
    private static Path file;
    private static String sopInstanceUid;

    @BeforeAll
    static void createPkiAndInstance() throws Exception {
        Dcmtk.requireInstalled("storescp");
        pki = TestPki.create(work.resolve("pki"), "hospital-ca");
        otherPki = TestPki.create(work.resolve("other-pki"), "other-ca");
        gateway = pki.issue("spa-gateway");
        pacs = pki.issue("pacs");
        file = new SyntheticStudyGenerator().generate(StudySpec.of(DemoTask.CT, 1, 20251207L).withSize(64),
                work.resolve("study")).files().get(0);
        AttributeList list = new AttributeList();
        list.read(file.toString());
        sopInstanceUid = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID);
    }

    @Test
    void storesIntoStorescpOverTlsWhichVerifiesTheGatewaysClientCertificate() throws Exception {
        try (StorescpProcess storescp = storescp("trusted", pacs);
             StoreScu scu = scu(gatewayKeys(), true)) {

            StoreOutcome outcome = scu.store(file, new StoreDestination("pacs", "STORESCP", "127.0.0.1",
                    storescp.port(), true));

            assertThat(outcome.disposition()).as(outcome.detail()).isEqualTo(Disposition.STORED);
            assertThat(storescp.receivedFiles()).hasSize(1);
        }
    }

    @Test
    void isRefusedByAStorescpRequiringAClientCertificateWhenItHasNone() throws Exception {
        try (StorescpProcess storescp = storescp("no-client-cert", pacs);
             StoreScu scu = scu(null, true)) {

            StoreOutcome outcome = scu.store(file, new StoreDestination("pacs", "STORESCP", "127.0.0.1",
                    storescp.port(), true));

            assertThat(outcome.stored()).as(outcome.detail()).isFalse();
            assertThat(outcome.disposition()).isEqualTo(Disposition.RETRIABLE);
            assertThat(storescp.receivedFiles()).isEmpty();
        }
    }

    @Test
    void refusesAPacsPresentingACertificateFromAnUntrustedCa() throws Exception {
        try (StorescpProcess storescp = storescp("untrusted", otherPki.issue("pacs"));
             StoreScu scu = scu(gatewayKeys(), true)) {

            StoreOutcome outcome = scu.store(file, new StoreDestination("pacs", "STORESCP", "127.0.0.1",
                    storescp.port(), true));

            assertThat(outcome.failure()).as(outcome.detail()).contains(StoreFailure.TLS_HANDSHAKE_FAILED);
            assertThat(outcome.disposition()).as("a certificate problem is fixed, not dead-lettered")
                    .isEqualTo(Disposition.RETRIABLE);
            assertThat(outcome.detail()).contains("PKIX");
            assertThat(storescp.receivedFiles()).isEmpty();
        }
    }

    @Test
    void refusesAPacsWhoseCertificateDoesNotNameTheHostUnlessVerificationIsOff() throws Exception {
        // The certificate names 127.0.0.1 and localhost; 127.0.0.2 is the same loopback interface by another name.
        try (StorescpProcess storescp = storescp("other-name", pacs);
             StoreScu verifying = scu(gatewayKeys(), true);
             StoreScu trusting = scu(gatewayKeys(), false)) {
            StoreDestination elsewhere = new StoreDestination("pacs", "STORESCP", "127.0.0.2", storescp.port(), true);

            StoreOutcome verified = verifying.store(file, elsewhere);
            StoreOutcome unverified = trusting.store(file, elsewhere);

            assertThat(verified.failure()).as(verified.detail()).contains(StoreFailure.TLS_HANDSHAKE_FAILED);
            assertThat(verified.detail()).contains("127.0.0.2");
            assertThat(unverified.disposition()).as(unverified.detail()).isEqualTo(Disposition.STORED);
            assertThat(storescp.receivedFiles()).hasSize(1);
        }
    }

    @Test
    void storesIntoOrthancWithDicomTlsRequiringAClientCertificate() throws Exception {
        TestPki.Issued orthancCert = pki.issue("orthanc");
        try (OrthancProcess orthanc = OrthancProcess.start(work.resolve("orthanc"), "ORTHANC", null,
                new OrthancProcess.DicomTls(orthancCert.certificatePem(), orthancCert.privateKeyPem(),
                        pki.caCertificatePem(), true));
             StoreScu scu = scu(gatewayKeys(), true);
             StoreScu anonymous = scu(null, true)) {
            StoreDestination destination = new StoreDestination("orthanc", "ORTHANC", "127.0.0.1",
                    orthanc.dicomPort(), true);

            StoreOutcome refused = anonymous.store(file, destination);
            StoreOutcome outcome = scu.store(file, destination);

            assertThat(refused.stored()).as(refused.detail()).isFalse();
            assertThat(outcome.disposition()).as(outcome.detail()).isEqualTo(Disposition.STORED);
            String id = orthanc.instanceId(sopInstanceUid).orElseThrow();
            JsonNode metadata = orthanc.getJson("/instances/" + id + "/metadata?expand");
            assertThat(metadata.path("RemoteAET").asText()).isEqualTo("SPA_GATEWAY");
            assertThat(orthanc.instanceCount()).isEqualTo(1);
        }
    }

    private static StorescpProcess storescp(String name, TestPki.Issued certificate) throws Exception {
        return StorescpProcess.start(work.resolve(name), "STORESCP", "+tls", certificate.privateKeyPem().toString(),
                certificate.certificatePem().toString(), "-pw", "+cf", pki.caCertificatePem().toString(), "-rc");
    }

    private static KeyManager[] gatewayKeys() {
        return TlsStores.keyManagers(gateway.keyStore(), PASSWORD);
    }

    private static StoreScu scu(KeyManager[] keys, boolean verifyHostname) {
        ClientTls tls = new ClientTls(TlsStores.context(keys, TlsStores.trustManagers(pki.trustStore(), PASSWORD)),
                TlsProtocols.DEFAULT, verifyHostname);
        return new StoreScu("SPA_GATEWAY", Duration.ofSeconds(20), Optional.of(tls));
    }
}
