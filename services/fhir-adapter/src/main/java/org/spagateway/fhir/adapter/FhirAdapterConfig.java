package org.spagateway.fhir.adapter;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.configuration.TrustStore;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.retry.RetrySchedule;

/**
 * Where the FHIR adapter writes and how it consumes. The Kafka cluster, its client properties and the send timeout
 * are the process's ({@code spa.kafka.*}); the adapter only has its own client id prefix and consumer group.
 *
 * @param baseUrl          FHIR R4 base URL of the server that stores the records
 * @param clientId         prefix of the adapter's Kafka client ids
 * @param consumerGroup    the adapter's consumer group
 * @param retryDelay       wait between attempts while the FHIR server cannot store a record
 * @param retryAttempts    attempts within one delivery before the record is handed back to Kafka and polled again
 * @param refusedAttempts  attempts of a record the server answers but refuses with 403, 409 or a server error before
 *                         it is dead-lettered (if the server still answers then)
 * @param connectTimeout   HTTP connect timeout towards the FHIR server
 * @param socketTimeout    HTTP read timeout towards the FHIR server
 * @param bearerToken      sent as {@code Authorization: Bearer} with every request, when the server wants one
 * @param trustStore       the CAs an https FHIR server's certificate must chain to; empty: the JVM's defaults
 * @param oauth2           fetch the bearer token with OAuth 2.0 client credentials instead of a fixed one
 */
public record FhirAdapterConfig(URI baseUrl, String clientId, String consumerGroup, Duration retryDelay,
                                int retryAttempts, int refusedAttempts, Duration connectTimeout,
                                Duration socketTimeout, Optional<String> bearerToken, Optional<TrustStore> trustStore,
                                Optional<OAuth2ClientCredentials> oauth2) {

    public static final String BASE_URL = "spa.fhir.base-url";
    public static final String CLIENT_ID = "spa.fhir.kafka-client-id";
    public static final String CONSUMER_GROUP = "spa.fhir.consumer-group";
    public static final String RETRY_DELAY = "spa.fhir.retry-delay";
    public static final String RETRY_ATTEMPTS = "spa.fhir.retry-attempts";
    public static final String REFUSED_ATTEMPTS = "spa.fhir.refused-attempts";
    public static final String CONNECT_TIMEOUT = "spa.fhir.connect-timeout";
    public static final String SOCKET_TIMEOUT = "spa.fhir.socket-timeout";
    public static final String BEARER_TOKEN = "spa.fhir.bearer-token";
    public static final String TRUST_STORE = "spa.fhir.trust-store";
    public static final String TRUST_STORE_PASSWORD = "spa.fhir.trust-store-password";
    public static final String OAUTH2_TOKEN_URL = "spa.fhir.oauth2.token-url";
    public static final String OAUTH2_CLIENT_ID = "spa.fhir.oauth2.client-id";
    public static final String OAUTH2_CLIENT_SECRET = "spa.fhir.oauth2.client-secret";
    public static final String OAUTH2_SCOPE = "spa.fhir.oauth2.scope";

    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080/fhir";
    public static final String DEFAULT_CLIENT_ID = "spa-fhir-adapter";
    public static final String DEFAULT_CONSUMER_GROUP = "spa-fhir-adapter";
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(2);
    public static final int DEFAULT_RETRY_ATTEMPTS = 3;
    public static final int DEFAULT_REFUSED_ATTEMPTS = 4;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(BASE_URL, DEFAULT_BASE_URL,
                    "FHIR R4 base URL the adapter writes ImagingStudy, AuditEvent, ... to (the embedded server by default)."),
            new ConfigOption(CLIENT_ID, DEFAULT_CLIENT_ID, "Prefix of the FHIR adapter's Kafka client ids."),
            new ConfigOption(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP, "Consumer group of the FHIR adapter."),
            new ConfigOption(RETRY_DELAY, "2s",
                    "Wait between attempts while the FHIR server cannot store a record (records wait, none is lost);"
                            + " each wait varies by up to 15 % (Camel's collision avoidance, as jitter)."),
            new ConfigOption(RETRY_ATTEMPTS, Integer.toString(DEFAULT_RETRY_ATTEMPTS),
                    "Attempts per delivery while the FHIR server is down (no answer, 401, 408, 429, 502-504) before"
                            + " a record is handed back to Kafka and polled again: such a record is retried without"
                            + " limit, never dead-lettered."),
            new ConfigOption(REFUSED_ATTEMPTS, Integer.toString(DEFAULT_REFUSED_ATTEMPTS),
                    "Attempts of a record the FHIR server answers but refuses with 403, 409 or a server error,"
                            + " waits from half to twice spa.fhir.retry-delay between them; if the server still"
                            + " answers its capability statement after the last, the record is dead-lettered"
                            + " (FHIR_REJECTED) so it no longer blocks its partition."),
            new ConfigOption(CONNECT_TIMEOUT, "5s", "HTTP connect timeout towards the FHIR server."),
            new ConfigOption(SOCKET_TIMEOUT, "30s", "HTTP read timeout towards the FHIR server."),
            new ConfigOption(BEARER_TOKEN, "",
                    "Bearer token sent to the FHIR server with every request (the embedded server's"
                            + " spa.fhir.server.writer-token, which the all-in-one passes on by itself); empty = none."
                            + " Use an https base URL when the server is not on this host."),
            new ConfigOption(TRUST_STORE, "",
                    "PKCS#12 trust store with the CA(s) an https FHIR server's certificate (and the OAuth2 token"
                            + " endpoint's) must chain to, e.g. the hospital's own CA; empty = the JVM's default CAs."
                            + " The host name is always verified against the certificate."),
            new ConfigOption(TRUST_STORE_PASSWORD, "", "Password of " + TRUST_STORE + "."),
            new ConfigOption(OAUTH2_TOKEN_URL, "",
                    "OAuth 2.0 token endpoint: when set, the adapter gets its bearer token there with the client"
                            + " credentials grant (RFC 6749 4.4, client authenticated with HTTP Basic), renews it"
                            + " before it expires, and " + BEARER_TOKEN + " must be empty. A token endpoint that is"
                            + " down or refuses is waited for like the FHIR server itself."),
            new ConfigOption(OAUTH2_CLIENT_ID, "", "The adapter's OAuth2 client id (required with a token URL)."),
            new ConfigOption(OAUTH2_CLIENT_SECRET, "", "The adapter's OAuth2 client secret (required with a token URL)."),
            new ConfigOption(OAUTH2_SCOPE, "", "Scope asked for, e.g. system/*.write; empty = the server's default."));

    public FhirAdapterConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(oauth2, "oauth2");
        if (bearerToken.isPresent() && oauth2.isPresent()) {
            throw new IllegalArgumentException("a fixed bearer token or OAuth2 client credentials, not both");
        }
        if (retryAttempts < 1) {
            throw new IllegalArgumentException("retryAttempts must be at least 1: " + retryAttempts);
        }
        if (refusedAttempts < 1) {
            throw new IllegalArgumentException("refusedAttempts must be at least 1: " + refusedAttempts);
        }
    }

    public static FhirAdapterConfig of(String baseUrl) {
        return new FhirAdapterConfig(URI.create(baseUrl), DEFAULT_CLIENT_ID, DEFAULT_CONSUMER_GROUP,
                DEFAULT_RETRY_DELAY, DEFAULT_RETRY_ATTEMPTS, DEFAULT_REFUSED_ATTEMPTS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The adapter's Kafka clients: the process's cluster, pass-through client properties and send timeout
     * ({@code spa.kafka.*}) with the adapter's own client id prefix and consumer group.
     */
    public KafkaConfig kafka(KafkaConfig shared) {
        return shared.withClient(clientId, consumerGroup);
    }

    /**
     * The tries of a record the server refuses with 403, 409 or a server error: {@link #refusedAttempts()}, the wait
     * doubling from half of {@link #retryDelay()} up to twice it (1 s, 2 s, 4 s by default).
     */
    public RetrySchedule refusalRetry() {
        return new RetrySchedule(refusedAttempts, retryDelay.dividedBy(2), retryDelay.multipliedBy(2));
    }

    public FhirAdapterConfig withRetryDelay(Duration delay) {
        return new FhirAdapterConfig(baseUrl, clientId, consumerGroup, delay, retryAttempts, refusedAttempts, connectTimeout,
                socketTimeout, bearerToken, trustStore, oauth2);
    }

    /** The same settings against another FHIR server (e.g. the embedded one, known once started). */
    public FhirAdapterConfig withBaseUrl(URI url) {
        return new FhirAdapterConfig(url, clientId, consumerGroup, retryDelay, retryAttempts, refusedAttempts, connectTimeout,
                socketTimeout, bearerToken, trustStore, oauth2);
    }

    /** The same settings with {@code token} sent as the bearer token (e.g. the embedded server's writer token). */
    public FhirAdapterConfig withBearerToken(String token) {
        return new FhirAdapterConfig(baseUrl, clientId, consumerGroup, retryDelay, retryAttempts, refusedAttempts,
                connectTimeout, socketTimeout, Optional.of(token), trustStore, Optional.empty());
    }

    public static FhirAdapterConfig from(ConfigSource config) {
        String baseUrl = config.string(BASE_URL, DEFAULT_BASE_URL);
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(BASE_URL, "'" + baseUrl + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new ConfigException(BASE_URL, "'" + baseUrl + "' is not an http(s) URL");
        }
        Optional<String> bearerToken = config.raw(BEARER_TOKEN).filter(token -> !token.isEmpty());
        Optional<OAuth2ClientCredentials> oauth2 = oauth2(config);
        if (bearerToken.isPresent() && oauth2.isPresent()) {
            throw new ConfigException(BEARER_TOKEN, "must be empty when " + OAUTH2_TOKEN_URL + " is set");
        }
        return new FhirAdapterConfig(uri, config.string(CLIENT_ID, DEFAULT_CLIENT_ID),
                config.string(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP),
                config.duration(RETRY_DELAY, DEFAULT_RETRY_DELAY),
                config.integer(RETRY_ATTEMPTS, DEFAULT_RETRY_ATTEMPTS, 1, 100),
                config.integer(REFUSED_ATTEMPTS, DEFAULT_REFUSED_ATTEMPTS, 1, 20),
                config.duration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
                config.duration(SOCKET_TIMEOUT, DEFAULT_SOCKET_TIMEOUT),
                bearerToken, TrustStore.from(config, TRUST_STORE, TRUST_STORE_PASSWORD), oauth2);
    }

    private static Optional<OAuth2ClientCredentials> oauth2(ConfigSource config) {
        Optional<String> tokenUrl = config.raw(OAUTH2_TOKEN_URL).filter(url -> !url.isBlank());
        if (tokenUrl.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(tokenUrl.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(OAUTH2_TOKEN_URL, "'" + tokenUrl.get() + "' is not a URL");
        }
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && isLoopback(uri))) {
            throw new ConfigException(OAUTH2_TOKEN_URL, "must be https (http only to a loopback address): the client"
                    + " secret travels in it");
        }
        return Optional.of(new OAuth2ClientCredentials(uri, config.requiredString(OAUTH2_CLIENT_ID),
                config.requiredString(OAUTH2_CLIENT_SECRET),
                config.raw(OAUTH2_SCOPE).filter(scope -> !scope.isBlank())));
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "FhirAdapterConfig[baseUrl=" + baseUrl + ", clientId=" + clientId + ", consumerGroup=" + consumerGroup
                + ", bearerToken=" + (bearerToken.isPresent() ? "set" : "none") + ", trustStore="
                + trustStore.map(TrustStore::toString).orElse("(JVM default)") + ", oauth2="
                + oauth2.map(OAuth2ClientCredentials::toString).orElse("none") + "]";
    }
}
