package org.spagateway.inference.worker.sources;

import java.nio.file.Path;
import java.time.Duration;
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

/**
 * How the worker gets source instances it is not given as local files ({@code spa.worker.source.*}): fetched over
 * HTTP(S) from the edge's WADO-RS endpoint into a local cache folder, with the project's trust store and, for an edge
 * that requires one, a client certificate. The stores are opened at start-up, so a wrong path or password stops the
 * worker with the key named.
 *
 * @param cacheDirectory  where fetched instances are kept (emptied at start; nothing there outlives a run)
 * @param cacheMaxBytes   the cache's size bound: least recently used instances not in use are deleted above it
 * @param connectTimeout  TCP and TLS connection to the edge
 * @param requestTimeout  a whole fetch, headers and body
 * @param tls             the TLS context (trust store, client certificate); empty: the JDK's default trust anchors,
 *                        no client certificate
 */
public record SourceFetchConfig(Path cacheDirectory, long cacheMaxBytes, Duration connectTimeout,
                                Duration requestTimeout, Optional<SSLContext> tls) {

    public static final String PREFIX = "spa.worker.source.";
    public static final String CACHE_DIR = PREFIX + "cache-dir";
    public static final String CACHE_MAX_MB = PREFIX + "cache-max-mb";
    public static final String CONNECT_TIMEOUT = PREFIX + "connect-timeout";
    public static final String REQUEST_TIMEOUT = PREFIX + "request-timeout";
    public static final String KEY_STORE = PREFIX + "tls.key-store";
    public static final String KEY_STORE_PASSWORD = PREFIX + "tls.key-store-password";
    public static final String TRUST_STORE = PREFIX + "tls.trust-store";
    public static final String TRUST_STORE_PASSWORD = PREFIX + "tls.trust-store-password";
    static final String DEFAULT_CACHE_DIR = "data/source-cache";
    static final int DEFAULT_CACHE_MAX_MB = 1024;

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(CACHE_DIR, DEFAULT_CACHE_DIR,
                    "Folder of source instances fetched over HTTP(S) from the edge (locations that are not file: "
                            + "URIs); emptied when the worker starts."),
            new ConfigOption(CACHE_MAX_MB, Integer.toString(DEFAULT_CACHE_MAX_MB),
                    "Size bound of that folder in MiB: above it, the least recently used instances no round is "
                            + "reading are deleted (a session's next round fetches its source again if needed)."),
            new ConfigOption(CONNECT_TIMEOUT, "5s", "Connection (TCP and TLS) to the edge when fetching a source."),
            new ConfigOption(REQUEST_TIMEOUT, "60s",
                    "A whole fetch of one source instance. A timeout, a refused connection or a 5xx answer is the "
                            + "edge being down: the request is retried with back-off without limit, never "
                            + "dead-lettered."),
            new ConfigOption(KEY_STORE, "",
                    "PKCS#12 key store with the worker's client certificate, presented to an edge that requires one "
                            + "(spa.listener.wado.tls.*)."),
            new ConfigOption(KEY_STORE_PASSWORD, "", "Password of " + KEY_STORE + " and of its key."),
            new ConfigOption(TRUST_STORE, "",
                    "PKCS#12 trust store with the CA the edge's certificate chains to; empty: the JDK's default CAs."),
            new ConfigOption(TRUST_STORE_PASSWORD, "", "Password of " + TRUST_STORE + "."));

    public SourceFetchConfig {
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(tls, "tls");
    }

    /** The defaults, with the cache under {@code cacheDirectory}: plain HTTP or HTTPS with the JDK's CAs. */
    public static SourceFetchConfig defaults(Path cacheDirectory) {
        return new SourceFetchConfig(cacheDirectory, DEFAULT_CACHE_MAX_MB * 1024L * 1024L, Duration.ofSeconds(5),
                Duration.ofSeconds(60), Optional.empty());
    }

    public static SourceFetchConfig from(ConfigSource source) {
        KeyManager[] keys = null;
        String keyStore = source.string(KEY_STORE, "");
        if (!keyStore.isBlank()) {
            try {
                keys = TlsStores.keyManagers(Path.of(keyStore), source.string(KEY_STORE_PASSWORD, "").toCharArray());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(KEY_STORE, e.getMessage());
            }
        }
        TrustManager[] trust = null;
        String trustStore = source.string(TRUST_STORE, "");
        if (!trustStore.isBlank()) {
            try {
                trust = TlsStores.trustManagers(Path.of(trustStore),
                        source.string(TRUST_STORE_PASSWORD, "").toCharArray());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(TRUST_STORE, e.getMessage());
            }
        }
        Optional<SSLContext> tls = keys == null && trust == null ? Optional.empty()
                : Optional.of(TlsStores.context(keys, trust));
        return new SourceFetchConfig(source.path(CACHE_DIR, DEFAULT_CACHE_DIR),
                source.integer(CACHE_MAX_MB, DEFAULT_CACHE_MAX_MB, 1, 1_048_576) * 1024L * 1024L,
                positive(CONNECT_TIMEOUT, source.duration(CONNECT_TIMEOUT, Duration.ofSeconds(5))),
                positive(REQUEST_TIMEOUT, source.duration(REQUEST_TIMEOUT, Duration.ofSeconds(60))), tls);
    }

    private static Duration positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(key, "must be greater than zero");
        }
        return value;
    }
}
