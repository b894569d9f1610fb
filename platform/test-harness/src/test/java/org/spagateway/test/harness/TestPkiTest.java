package org.spagateway.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {

    @TempDir
    Path directory;

    @Test
    void issuesCertificatesThatChainToItsOwnCaOnly() throws Exception {
        TestPki pki = TestPki.create(directory, "alpha");
        TestPki other = TestPki.create(directory, "beta");
        TestPki.Issued server = pki.issue("listener");

        validate(server.certificate(), pki.caCertificate());
        assertThatThrownBy(() -> validate(server.certificate(), other.caCertificate()))
                .isInstanceOf(CertPathValidatorException.class);
        assertThat(server.certificate().getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList())
                .containsExactlyInAnyOrder("127.0.0.1", "localhost");
    }

    @Test
    void writesKeyStoresAndPemFilesThatLoad() throws Exception {
        TestPki pki = TestPki.create(directory, "alpha");
        TestPki.Issued client = pki.issue("reporting system");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(client.keyStore())) {
            keys.load(in, TestPki.PASSWORD.toCharArray());
        }
        assertThat(keys.getCertificateChain(TestPki.KEY_ALIAS)).hasSize(2);
        assertThat(Files.readString(client.privateKeyPem())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        try (InputStream in = Files.newInputStream(client.certificatePem())) {
            X509Certificate pem = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            assertThat(pem).isEqualTo(client.certificate());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.trustStore())) {
            trust.load(in, TestPki.PASSWORD.toCharArray());
        }
        assertThat(trust.getCertificate("ca")).isEqualTo(pki.caCertificate());
    }

    @Test
    void issuesExpiredCertificatesOnRequest() {
        TestPki pki = TestPki.create(directory, "alpha");

        TestPki.Issued expired = pki.issue("old", Instant.now().minusSeconds(60));

        assertThat(expired.certificate().getNotAfter().toInstant()).isBefore(Instant.now());
    }

    private static void validate(X509Certificate certificate, X509Certificate ca) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
    }
}
