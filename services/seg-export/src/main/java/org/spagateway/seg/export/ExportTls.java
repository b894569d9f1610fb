package org.spagateway.seg.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.network.ClientTls;
import org.spagateway.dicom.network.TlsProtocols;
import org.spagateway.configuration.TlsStores;

/**
 * The TLS settings of the export's C-STORE SCU (PS3.15 B.1), read from {@code spa.export.tls.*} and used for the
 * destinations with {@code spa.export.destination.<name>.tls=true}. The stores are opened at start-up, so a missing
 * file or a wrong password stops the service with the key named instead of failing the first SEG.
 */
final class ExportTls {

    static final String PREFIX = "spa.export.tls.";
    static final String KEY_STORE = PREFIX + "key-store";
    static final String KEY_STORE_PASSWORD = PREFIX + "key-store-password";
    static final String TRUST_STORE = PREFIX + "trust-store";
    static final String TRUST_STORE_PASSWORD = PREFIX + "trust-store-password";
    static final String PROTOCOLS = PREFIX + "protocols";
    static final String VERIFY_HOSTNAME = PREFIX + "verify-hostname";
    static final String DESTINATION_TLS = "tls";

    static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(ExportConfig.DESTINATION_PREFIX + "<name>." + DESTINATION_TLS, "false",
                    "Reach the destination over DICOM TLS (PS3.15 B.1) with the " + PREFIX + "* settings."),
            new ConfigOption(KEY_STORE, "",
                    "PKCS#12 key store with the gateway's client certificate and key, presented to TLS destinations "
                            + "that ask for one; empty = no client certificate."),
            new ConfigOption(KEY_STORE_PASSWORD, "", "Password of " + KEY_STORE + " and of its key; required with it."),
            new ConfigOption(TRUST_STORE, "",
                    "PKCS#12 trust store with the CA certificates a TLS destination's certificate must chain to; "
                            + "required when a destination uses TLS (the JDK's public CAs are never trusted for "
                            + "DICOM)."),
            new ConfigOption(TRUST_STORE_PASSWORD, "", "Password of " + TRUST_STORE + "; required with it."),
            new ConfigOption(PROTOCOLS, String.join(",", TlsProtocols.DEFAULT),
                    "TLS versions offered to TLS destinations; only TLSv1.3 and TLSv1.2 are accepted."),
            new ConfigOption(VERIFY_HOSTNAME, "true",
                    "Require the destination's certificate to name the configured host (DNS name or IP address in its "
                            + "subject alternative names); false only for test benches."));

    private ExportTls() {
    }

    /** The client TLS settings, empty when no destination uses TLS. */
    static Optional<ClientTls> from(ConfigSource config, boolean needed) {
        if (!needed) {
            return Optional.empty();
        }
        KeyManager[] keys = null;
        String keyStore = config.string(KEY_STORE, "");
        if (!keyStore.isBlank()) {
            char[] password = config.requiredString(KEY_STORE_PASSWORD).toCharArray();
            try {
                keys = TlsStores.keyManagers(Path.of(keyStore), password);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(KEY_STORE, e.getMessage());
            }
        }
        String trustStore = config.string(TRUST_STORE, "");
        if (trustStore.isBlank()) {
            throw new ConfigException(TRUST_STORE, "required when a destination uses TLS");
        }
        TrustManager[] trust;
        try {
            trust = TlsStores.trustManagers(Path.of(trustStore),
                    config.requiredString(TRUST_STORE_PASSWORD).toCharArray());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TRUST_STORE, e.getMessage());
        }
        List<String> protocols;
        try {
            protocols = TlsProtocols.require(config.list(PROTOCOLS, TlsProtocols.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PROTOCOLS, e.getMessage());
        }
        return Optional.of(new ClientTls(TlsStores.context(keys, trust), protocols,
                config.bool(VERIFY_HOSTNAME, true)));
    }
}
