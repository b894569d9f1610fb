package org.spagateway.test.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for TLS tests: a CA and the certificates it issues to servers and clients on
 * 127.0.0.1, written as PKCS#12 key and trust stores (Java: Jetty, Kafka, the DICOM listener) and as PEM files (dcmtk,
 * Orthanc, OpenSSL). RSA 2048 and SHA-256, which every peer the tests start accepts. A second {@code TestPki} is
 * another CA: certificates of one are not trusted by the other ("wrong CA" tests).
 */
public final class TestPki {

    /** The password of every key and trust store written here. */
    public static final String PASSWORD = "test-store-password";
    /** The alias of the private key entry in a key store written here. */
    public static final String KEY_ALIAS = "key";

    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    private final Path directory;
    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    private TestPki(Path directory, String name, KeyPair caKeys, X509Certificate caCertificate) {
        this.directory = directory;
        this.name = name;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
    }

    /** A new CA called {@code name}, whose files go under {@code directory}. */
    public static TestPki create(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            KeyPair keys = newKeyPair();
            X500Principal subject = new X500Principal("CN=" + name + ",O=spa-gateway tests");
            Instant now = Instant.now();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            TestPki pki = new TestPki(directory, name, keys, certificate);
            pki.writePem(pki.caCertificatePem(), certificate);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificate);
            pki.store(trust, pki.trustStore());
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not create the test CA " + name, e);
        }
    }

    /** The CA's certificate, PEM. */
    public Path caCertificatePem() {
        return directory.resolve(name + "-ca.pem");
    }

    /** A PKCS#12 trust store holding only the CA's certificate ({@link #PASSWORD}). */
    public Path trustStore() {
        return directory.resolve(name + "-truststore.p12");
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /**
     * A certificate for {@code commonName}, valid for 127.0.0.1 and localhost, usable by a TLS server and a TLS
     * client alike.
     */
    public Issued issue(String commonName) {
        return issue(commonName, Instant.now().plus(VALIDITY));
    }

    /** As {@link #issue(String)}, expiring at {@code notAfter} (in the past for "expired certificate" tests). */
    public Issued issue(String commonName, Instant notAfter) {
        try {
            KeyPair keys = newKeyPair();
            X500Principal subject = new X500Principal("CN=" + commonName + ",O=spa-gateway tests");
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            Date notBefore = Date.from(notAfter.minus(VALIDITY).minus(Duration.ofHours(1)));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(), notBefore,
                    Date.from(notAfter), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(caCertificate))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, caKeys.getPrivate());
            String file = name + "-" + commonName.replaceAll("[^A-Za-z0-9._-]", "_");
            Issued issued = new Issued(commonName, directory.resolve(file + ".p12"),
                    directory.resolve(file + "-cert.pem"), directory.resolve(file + "-key.pem"), certificate);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(KEY_ALIAS, keys.getPrivate(), PASSWORD.toCharArray(),
                    new X509Certificate[] {certificate, caCertificate});
            store(keyStore, issued.keyStore());
            writePem(issued.certificatePem(), certificate);
            writePem(issued.privateKeyPem(), keys.getPrivate());
            return issued;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not issue a test certificate for " + commonName, e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private void store(KeyStore store, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }

    /**
     * A certificate issued by a {@link TestPki}.
     *
     * @param commonName     its subject's CN
     * @param keyStore       PKCS#12 with the private key ({@link #KEY_ALIAS}) and the chain up to the CA
     * @param certificatePem the certificate alone, PEM
     * @param privateKeyPem  its private key, PEM, unencrypted
     * @param certificate    the certificate
     */
    public record Issued(String commonName, Path keyStore, Path certificatePem, Path privateKeyPem,
                         X509Certificate certificate) {
    }
}
