package org.spagateway.reporting.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * The {@code spa.choices.tls.*} options: HTTPS on the choice API (TLS 1.2 and 1.3 only) when a key store is set,
 * optionally with client certificates checked against a trust store.
 *
 * @param keyStore           the server's PKCS#12 key store (key and certificate chain); empty = plain HTTP
 * @param keyStorePassword   its password
 * @param trustStore         PKCS#12 trust store of the CAs client certificates must chain to
 * @param trustStorePassword its password
 * @param clientAuth         whether client certificates are ignored, requested or required
 */
public record ChoiceTlsConfig(Optional<Path> keyStore, String keyStorePassword, Optional<Path> trustStore,
                              String trustStorePassword, ClientAuth clientAuth) {

    public static final String KEY_STORE = "spa.choices.tls.key-store";
    public static final String KEY_STORE_PASSWORD = "spa.choices.tls.key-store-password";
    public static final String TRUST_STORE = "spa.choices.tls.trust-store";
    public static final String TRUST_STORE_PASSWORD = "spa.choices.tls.trust-store-password";
    public static final String CLIENT_AUTH = "spa.choices.tls.client-auth";

    /** Client certificates (mutual TLS). */
    public enum ClientAuth {
        /** Not requested. */
        NONE,
        /** Requested; a client without one is still served (the bearer token decides). */
        WANT,
        /** Required: the handshake fails without a certificate chaining to the trust store. */
        NEED
    }

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(KEY_STORE, "",
                    "PKCS#12 key store with the choice API's key and certificate chain; set = HTTPS only (TLS 1.2"
                            + " and 1.3), empty = plain HTTP (loopback or behind a TLS-terminating proxy)."),
            new ConfigOption(KEY_STORE_PASSWORD, "", "Password of " + KEY_STORE + " (required with it)."),
            new ConfigOption(TRUST_STORE, "",
                    "PKCS#12 trust store of the CAs client certificates must chain to (for " + CLIENT_AUTH + ")."),
            new ConfigOption(TRUST_STORE_PASSWORD, "", "Password of " + TRUST_STORE + "; empty = the key store's."),
            new ConfigOption(CLIENT_AUTH, "none",
                    "Client certificates: none, want (requested) or need (the handshake fails without one);"
                            + " want and need require " + TRUST_STORE + "."));

    public ChoiceTlsConfig {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(clientAuth, "clientAuth");
    }

    public static ChoiceTlsConfig from(ConfigSource config) {
        Optional<Path> keyStore = readable(config, KEY_STORE);
        Optional<Path> trustStore = readable(config, TRUST_STORE);
        String password = config.string(KEY_STORE_PASSWORD, "");
        if (keyStore.isPresent() && password.isEmpty()) {
            throw new ConfigException(KEY_STORE_PASSWORD, "a value is required with " + KEY_STORE);
        }
        String clientAuthText = config.string(CLIENT_AUTH, "none");
        ClientAuth clientAuth;
        try {
            clientAuth = ClientAuth.valueOf(clientAuthText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(CLIENT_AUTH, "'" + clientAuthText + "' is not none, want or need");
        }
        if (clientAuth != ClientAuth.NONE && (keyStore.isEmpty() || trustStore.isEmpty())) {
            throw new ConfigException(CLIENT_AUTH, clientAuthText + " needs " + KEY_STORE + " and " + TRUST_STORE);
        }
        String trustPassword = config.string(TRUST_STORE_PASSWORD, "");
        return new ChoiceTlsConfig(keyStore, password, trustStore, trustPassword.isEmpty() ? password : trustPassword,
                clientAuth);
    }

    private static Optional<Path> readable(ConfigSource config, String key) {
        Optional<Path> path = config.raw(key).filter(value -> !value.isEmpty()).map(Path::of);
        if (path.isPresent() && !Files.isReadable(path.get())) {
            throw new ConfigException(key, "'" + path.get() + "' is not a readable file");
        }
        return path;
    }

    public boolean enabled() {
        return keyStore.isPresent();
    }

    /** Never prints the passwords. */
    @Override
    public String toString() {
        return "ChoiceTlsConfig[keyStore=" + keyStore.map(Path::toString).orElse("(none)") + ", trustStore="
                + trustStore.map(Path::toString).orElse("(none)") + ", clientAuth=" + clientAuth + "]";
    }
}
