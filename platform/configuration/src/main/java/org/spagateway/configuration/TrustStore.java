package org.spagateway.configuration;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * A PKCS#12 trust store from configuration: the certificate authorities a TLS client of the gateway trusts instead of
 * the JVM's defaults (a hospital's own CA). Checked when read, so a wrong path or password stops the start-up with the
 * option's name instead of failing the first connection. Never prints its password.
 *
 * @param option   the option that named it, for errors
 * @param path     the PKCS#12 file
 * @param password its password
 */
public record TrustStore(String option, Path path, String password) {

    public TrustStore {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(password, "password");
    }

    /**
     * The trust store named by {@code pathOption} (empty: none) with the password in {@code passwordOption}, opened
     * once to check it.
     *
     * @throws ConfigException the file is missing, not PKCS#12, holds no certificate, or the password is wrong
     */
    public static Optional<TrustStore> from(ConfigSource config, String pathOption, String passwordOption) {
        Optional<String> path = config.raw(pathOption).filter(value -> !value.isBlank());
        if (path.isEmpty()) {
            return Optional.empty();
        }
        TrustStore store = new TrustStore(pathOption, Path.of(path.get()), config.string(passwordOption, ""));
        store.trustManagers();
        return Optional.of(store);
    }

    /** A TLS client context trusting exactly these certificates. */
    public SSLContext clientContext() {
        return TlsStores.context(null, trustManagers());
    }

    private TrustManager[] trustManagers() {
        try {
            return TlsStores.trustManagers(path, password.toCharArray());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "TrustStore[" + path + "]";
    }
}
