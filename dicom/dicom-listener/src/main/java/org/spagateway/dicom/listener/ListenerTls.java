package org.spagateway.dicom.listener;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.network.TlsProtocols;
import org.spagateway.configuration.TlsStores;

/**
 * DICOM TLS on the listener (PS3.15 B.1, the TLS secure transport connection profile), read from
 * {@code spa.listener.tls.*}. With TLS on, the port speaks only TLS: a plain connection fails the handshake and
 * reaches no association state. The key and trust stores are opened here, at start-up, so a missing file or a wrong
 * password stops the listener with the key named instead of failing the first association.
 *
 * @param context    the listener's certificate and key, and the CAs client certificates must chain to
 * @param protocols  accepted TLS versions ({@link TlsProtocols})
 * @param clientAuth whether a client certificate is required, asked for or not asked for
 */
public record ListenerTls(SSLContext context, List<String> protocols, ClientAuth clientAuth) {

    public static final String PREFIX = ListenerConfig.PREFIX + "tls.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String KEY_STORE = PREFIX + "key-store";
    public static final String KEY_STORE_PASSWORD = PREFIX + "key-store-password";
    public static final String TRUST_STORE = PREFIX + "trust-store";
    public static final String TRUST_STORE_PASSWORD = PREFIX + "trust-store-password";
    public static final String CLIENT_AUTH = PREFIX + "client-auth";
    public static final String PROTOCOLS = PREFIX + "protocols";

    /** Every option, with its default, for docs/configuration.md. */
    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(ENABLED, "false",
                    "Serve DICOM TLS (PS3.15 B.1) on the listener's port instead of plain DICOM; a plain client then "
                            + "fails the TLS handshake before any association."),
            new ConfigOption(KEY_STORE, "",
                    "PKCS#12 key store with the listener's private key and certificate chain; required with TLS."),
            new ConfigOption(KEY_STORE_PASSWORD, "",
                    "Password of " + KEY_STORE + " and of its key; required with TLS. A wrong one stops the start."),
            new ConfigOption(TRUST_STORE, "",
                    "PKCS#12 trust store with the CA certificates client certificates must chain to; required unless "
                            + CLIENT_AUTH + " is none (the JDK's public CAs are never trusted for DICOM)."),
            new ConfigOption(TRUST_STORE_PASSWORD, "", "Password of " + TRUST_STORE + "; required with it."),
            new ConfigOption(CLIENT_AUTH, ClientAuth.NEED.configValue(),
                    "need (a client certificate from a trusted CA is required), want (checked when presented, "
                            + "required only for calling AEs bound to a certificate) or none. Calling AEs can be bound "
                            + "to a certificate's subject CN in " + ListenerConfig.CALLING_AES + " (AE@cn=<CN>)."),
            new ConfigOption(PROTOCOLS, String.join(",", TlsProtocols.DEFAULT),
                    "Accepted TLS versions; only TLSv1.3 and TLSv1.2 can be set. The TLS handshake must complete "
                            + "within " + AssociationLimits.ASSOCIATION_REQUEST_TIMEOUT + ", off the accept thread."));

    public ListenerTls {
        protocols = List.copyOf(protocols);
    }

    /** Whether a client certificate is asked for during the handshake. */
    public enum ClientAuth {
        NEED, WANT, NONE;

        String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        static ClientAuth parse(String value) {
            for (ClientAuth auth : values()) {
                if (auth.configValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return auth;
                }
            }
            throw new ConfigException(CLIENT_AUTH, "'" + value + "' is not one of need, want, none");
        }
    }

    /** Reads and checks the TLS options; empty when TLS is off. */
    static Optional<ListenerTls> from(ConfigSource source) {
        if (!source.bool(ENABLED, false)) {
            return Optional.empty();
        }
        ClientAuth clientAuth = ClientAuth.parse(source.string(CLIENT_AUTH, ClientAuth.NEED.configValue()));
        KeyManager[] keys;
        try {
            keys = TlsStores.keyManagers(Path.of(source.requiredString(KEY_STORE)),
                    source.requiredString(KEY_STORE_PASSWORD).toCharArray());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(KEY_STORE, e.getMessage());
        }
        TrustManager[] trust = null;
        String trustStore = source.string(TRUST_STORE, "");
        if (clientAuth != ClientAuth.NONE && trustStore.isBlank()) {
            throw new ConfigException(TRUST_STORE, "required when " + CLIENT_AUTH + " is "
                    + clientAuth.configValue());
        }
        if (!trustStore.isBlank()) {
            try {
                trust = TlsStores.trustManagers(Path.of(trustStore),
                        source.requiredString(TRUST_STORE_PASSWORD).toCharArray());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(TRUST_STORE, e.getMessage());
            }
        }
        List<String> protocols;
        try {
            protocols = TlsProtocols.require(source.list(PROTOCOLS, TlsProtocols.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PROTOCOLS, e.getMessage());
        }
        return Optional.of(new ListenerTls(TlsStores.context(keys, trust), protocols, clientAuth));
    }
}
