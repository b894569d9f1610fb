package org.spagateway.configuration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads the PKCS#12 key and trust stores of a DICOM TLS endpoint (PS3.15 B.1, the TLS secure transport connection
 * profile) and builds its {@link SSLContext}. Each failure is an {@link IllegalArgumentException} that says which file
 * and what is wrong with it (missing, not PKCS#12, wrong password, no key, no certificate), so the configuration can
 * refuse to start with the key named instead of failing the first association.
 */
public final class TlsStores {

    private TlsStores() {
    }

    /** The key managers of a key store holding the endpoint's private key and certificate chain. */
    public static KeyManager[] keyManagers(Path keyStore, char[] password) {
        KeyStore store = load(keyStore, password, "key store");
        try {
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> isKeyEntry(store, alias))) {
                throw new IllegalArgumentException("key store " + keyStore + " holds no private key");
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory.getKeyManagers();
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("the private key in " + keyStore + " cannot be read with the key store "
                    + "password (a key with a password of its own is not supported)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key store " + keyStore + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** The trust managers of a trust store holding the CA certificates that peers' certificates must chain to. */
    public static TrustManager[] trustManagers(Path trustStore, char[] password) {
        KeyStore store = load(trustStore, password, "trust store");
        try {
            if (store.size() == 0) {
                throw new IllegalArgumentException("trust store " + trustStore + " holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("trust store " + trustStore + " cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * A TLS context with these key and trust managers; {@code null} for either means none of ours (no client
     * certificate; the JDK's default trust anchors).
     */
    public static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no TLS context", e);
        }
    }

    private static KeyStore load(Path file, char[] password, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " " + file + " does not exist", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(what + " " + file + " cannot be opened: wrong password", e);
            }
            throw new IllegalArgumentException(what + " " + file + " cannot be read as PKCS#12: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " " + file + " cannot be read as PKCS#12: " + e.getMessage(), e);
        }
    }

    private static boolean isKeyEntry(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
