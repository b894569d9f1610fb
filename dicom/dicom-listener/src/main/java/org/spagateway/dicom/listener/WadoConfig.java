package org.spagateway.dicom.listener;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.configuration.TlsStores;
import org.spagateway.dicom.network.TlsProtocols;

/**
 * The listener's WADO-RS endpoint ({@code spa.listener.wado.*}): what it stored, served to workers on other hosts
 * (PS3.18 10.4, Retrieve Instance). It serves patient data, so it is never open by accident: it binds loopback by
 * default, and bound anywhere else it must speak HTTPS and require a client certificate from the configured CA
 * (mutual TLS; docs/security.md says why this and not a bearer token). A configuration that would expose it without
 * that stops the start with the key named.
 *
 * @param enabled       whether the endpoint runs
 * @param bindAddress   the address it binds
 * @param port          its TCP port, 0 for any free one
 * @param publicBaseUrl the base URL workers reach it by; when present, events carry its URLs instead of file URIs
 * @param tls           HTTPS with client certificates required; empty for plain HTTP (loopback only)
 */
public record WadoConfig(boolean enabled, String bindAddress, int port, Optional<URI> publicBaseUrl,
                         Optional<Tls> tls) {

    public static final String PREFIX = ListenerConfig.PREFIX + "wado.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String BIND_ADDRESS = PREFIX + "bind-address";
    public static final String PORT = PREFIX + "port";
    public static final String PUBLIC_BASE_URL = PREFIX + "public-base-url";
    public static final String KEY_STORE = PREFIX + "tls.key-store";
    public static final String KEY_STORE_PASSWORD = PREFIX + "tls.key-store-password";
    public static final String TRUST_STORE = PREFIX + "tls.trust-store";
    public static final String TRUST_STORE_PASSWORD = PREFIX + "tls.trust-store-password";
    public static final String PROTOCOLS = PREFIX + "tls.protocols";
    static final int DEFAULT_PORT = 8083;

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(ENABLED, "false",
                    "Serve the stored instances over HTTP, WADO-RS shaped (GET /dicom-web/studies/{study}/series/"
                            + "{series}/instances/{sop}), so inference workers on other hosts fetch their source "
                            + "images without a shared folder."),
            new ConfigOption(BIND_ADDRESS, "127.0.0.1",
                    "Address the WADO-RS endpoint binds. Anything but loopback requires " + KEY_STORE + " and "
                            + TRUST_STORE + ": HTTPS with a client certificate from that CA (mutual TLS)."),
            new ConfigOption(PORT, Integer.toString(DEFAULT_PORT), "TCP port of the WADO-RS endpoint; 0 picks a free port."),
            new ConfigOption(PUBLIC_BASE_URL, "",
                    "Base URL workers reach the endpoint by (e.g. https://edge.example.org:8083). When set, "
                            + "StudyReceived carries <base>/dicom-web/... locations instead of file: URIs; empty keeps "
                            + "file: URIs (a worker sharing the storage folder, as in the all-in-one)."),
            new ConfigOption(KEY_STORE, "",
                    "PKCS#12 key store with the endpoint's private key and certificate chain: the endpoint then speaks "
                            + "HTTPS only and requires client certificates."),
            new ConfigOption(KEY_STORE_PASSWORD, "", "Password of " + KEY_STORE + " and of its key."),
            new ConfigOption(TRUST_STORE, "",
                    "PKCS#12 trust store with the CA certificates client (worker) certificates must chain to; required"
                            + " with " + KEY_STORE + "."),
            new ConfigOption(TRUST_STORE_PASSWORD, "", "Password of " + TRUST_STORE + "."),
            new ConfigOption(PROTOCOLS, String.join(",", TlsProtocols.DEFAULT),
                    "Accepted TLS versions of the WADO-RS endpoint; only TLSv1.3 and TLSv1.2 can be set."));

    public WadoConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(tls, "tls");
    }

    /**
     * HTTPS with a client certificate required on every connection.
     *
     * @param context   the endpoint's key and the CAs client certificates must chain to
     * @param protocols accepted TLS versions
     */
    public record Tls(SSLContext context, List<String> protocols) {
        public Tls {
            protocols = List.copyOf(protocols);
        }
    }

    /** Off: nothing served, events carry file URIs. */
    public static WadoConfig disabled() {
        return new WadoConfig(false, "127.0.0.1", DEFAULT_PORT, Optional.empty(), Optional.empty());
    }

    public static WadoConfig from(ConfigSource source) {
        boolean enabled = source.bool(ENABLED, false);
        String bindAddress = source.string(BIND_ADDRESS, "127.0.0.1");
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException(BIND_ADDRESS, "'" + bindAddress + "' is not a resolvable address");
        }
        int port = source.integer(PORT, DEFAULT_PORT, 0, 65535);
        Optional<URI> base = source.raw(PUBLIC_BASE_URL).filter(v -> !v.isBlank()).map(WadoConfig::baseUrl);
        Optional<Tls> tls = tls(source);
        if (enabled && !loopback && tls.isEmpty()) {
            throw new ConfigException(BIND_ADDRESS, "the WADO-RS endpoint serves patient data: bound to '"
                    + bindAddress + "' (not loopback) it requires " + KEY_STORE + " and " + TRUST_STORE
                    + " (HTTPS with client certificates)");
        }
        if (base.isPresent() && !enabled) {
            throw new ConfigException(PUBLIC_BASE_URL, "set, but " + ENABLED + " is false: events would name an"
                    + " endpoint that is not served");
        }
        if (base.isPresent() && tls.isPresent() != "https".equals(base.get().getScheme())) {
            throw new ConfigException(PUBLIC_BASE_URL, "must be " + (tls.isPresent() ? "https" : "http")
                    + " when the endpoint " + (tls.isPresent() ? "speaks HTTPS" : "speaks plain HTTP"));
        }
        return new WadoConfig(enabled, bindAddress, port, base, tls);
    }

    private static URI baseUrl(String value) {
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new ConfigException(PUBLIC_BASE_URL, "'" + value + "' is not an http(s) URL without query");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(PUBLIC_BASE_URL, "'" + value + "' is not a URL: " + e.getMessage());
        }
    }

    private static Optional<Tls> tls(ConfigSource source) {
        String keyStore = source.string(KEY_STORE, "");
        if (keyStore.isBlank()) {
            return Optional.empty();
        }
        KeyManager[] keys;
        try {
            keys = TlsStores.keyManagers(Path.of(keyStore), source.string(KEY_STORE_PASSWORD, "").toCharArray());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(KEY_STORE, e.getMessage());
        }
        String trustStore = source.string(TRUST_STORE, "");
        if (trustStore.isBlank()) {
            throw new ConfigException(TRUST_STORE, "required with " + KEY_STORE
                    + ": client certificates are always required over HTTPS");
        }
        TrustManager[] trust;
        try {
            trust = TlsStores.trustManagers(Path.of(trustStore), source.string(TRUST_STORE_PASSWORD, "").toCharArray());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TRUST_STORE, e.getMessage());
        }
        List<String> protocols;
        try {
            protocols = TlsProtocols.require(source.list(PROTOCOLS, TlsProtocols.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PROTOCOLS, e.getMessage());
        }
        return Optional.of(new Tls(TlsStores.context(keys, trust), protocols));
    }
}
