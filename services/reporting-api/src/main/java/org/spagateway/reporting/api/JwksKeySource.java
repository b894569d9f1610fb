package org.spagateway.reporting.api;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import org.spagateway.configuration.ConfigException;

/**
 * The identity provider's public keys ({@code spa.choices.jwt.jwks}), by nimbus-jose-jwt: a file is read once; a URL
 * is fetched at start (the gateway does not start without its keys), cached, and fetched again when a token names a
 * key id the cache lacks (key rotation), at most once per {@code minRefreshInterval} so forged key ids cannot make
 * the gateway hammer the identity provider.
 */
final class JwksKeySource {

    /** Keys are refreshed at this age even without an unknown key id. */
    static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(15);
    static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    private static final int MAX_JWKS_BYTES = 512 * 1024;

    private JwksKeySource() {
    }

    static JWKSource<SecurityContext> open(String location, Duration timeout, Duration minRefreshInterval) {
        if (location.startsWith("https://") || location.startsWith("http://")) {
            return fetched(location, timeout, minRefreshInterval);
        }
        try {
            return new ImmutableJWKSet<>(JWKSet.load(Path.of(location).toFile()));
        } catch (IOException | ParseException e) {
            throw new ConfigException(ChoiceAuthConfig.JWKS, "'" + location + "' is not a readable JWKS file ("
                    + e.getMessage() + ")");
        }
    }

    private static JWKSource<SecurityContext> fetched(String location, Duration timeout,
                                                      Duration minRefreshInterval) {
        URL url;
        try {
            url = URI.create(location).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new ConfigException(ChoiceAuthConfig.JWKS, "'" + location + "' is not a URL");
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(url,
                        new DefaultResourceRetriever(millis, millis, MAX_JWKS_BYTES))
                .cache(CACHE_TIME_TO_LIVE.toMillis(), timeout.toMillis())
                // Refreshed on demand only (an expired cache or an unknown key id): no background thread.
                .refreshAheadCache(false)
                .rateLimited(minRefreshInterval.toMillis())
                .retrying(false)
                .build();
        try {
            if (source.get(new JWKSelector(new JWKMatcher.Builder().build()), null).isEmpty()) {
                throw new IllegalStateException("the JWKS at " + location + " (" + ChoiceAuthConfig.JWKS
                        + ") holds no key");
            }
        } catch (KeySourceException e) {
            throw new IllegalStateException("the JWKS at " + location + " (" + ChoiceAuthConfig.JWKS
                    + ") could not be fetched: " + e.getMessage(), e);
        }
        return source;
    }
}
