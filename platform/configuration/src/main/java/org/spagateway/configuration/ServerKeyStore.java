package org.spagateway.configuration;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * A TLS server's identity from configuration: a PKCS#12 key store with its private key and certificate chain. Opened
 * when read, so a wrong path, a wrong password or a store without a key stops the start-up with the option's name.
 * Never prints its password.
 *
 * @param option   the option that named it, for errors
 * @param path     the PKCS#12 file
 * @param password its password (the key's too)
 */
public record ServerKeyStore(String option, Path path, String password) {

    public ServerKeyStore {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(password, "password");
    }

    /**
     * The key store named by {@code pathOption} (empty: none, plain HTTP) with the password in
     * {@code passwordOption}, opened once to check it.
     *
     * @throws ConfigException the file is missing, not PKCS#12, holds no key, or the password is wrong
     */
    public static Optional<ServerKeyStore> from(ConfigSource config, String pathOption, String passwordOption) {
        Optional<String> path = config.raw(pathOption).filter(value -> !value.isBlank());
        if (path.isEmpty()) {
            return Optional.empty();
        }
        ServerKeyStore store = new ServerKeyStore(pathOption, Path.of(path.get()), config.string(passwordOption, ""));
        store.keyManagers();
        return Optional.of(store);
    }

    /** A TLS server context presenting this key and certificate chain. */
    public SSLContext serverContext() {
        return TlsStores.context(keyManagers(), null);
    }

    private KeyManager[] keyManagers() {
        try {
            return TlsStores.keyManagers(path, password.toCharArray());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ServerKeyStore[" + path + "]";
    }
}
