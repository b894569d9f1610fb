package org.spagateway.fhir.adapter;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;
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
 */
public record FhirAdapterConfig(URI baseUrl, String clientId, String consumerGroup, Duration retryDelay,
                                int retryAttempts, int refusedAttempts, Duration connectTimeout,
                                Duration socketTimeout, Optional<String> bearerToken) {

    public static final String BASE_URL = "spa.fhir.base-url";
    public static final String CLIENT_ID = "spa.fhir.kafka-client-id";
    public static final String CONSUMER_GROUP = "spa.fhir.consumer-group";
    public static final String RETRY_DELAY = "spa.fhir.retry-delay";
    public static final String RETRY_ATTEMPTS = "spa.fhir.retry-attempts";
    public static final String REFUSED_ATTEMPTS = "spa.fhir.refused-attempts";
    public static final String CONNECT_TIMEOUT = "spa.fhir.connect-timeout";
    public static final String SOCKET_TIMEOUT = "spa.fhir.socket-timeout";
    public static final String BEARER_TOKEN = "spa.fhir.bearer-token";

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
                            + " Use an https base URL when the server is not on this host."));

    public FhirAdapterConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(bearerToken, "bearerToken");
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
                Optional.empty());
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
                socketTimeout, bearerToken);
    }

    /** The same settings against another FHIR server (e.g. the embedded one, known once started). */
    public FhirAdapterConfig withBaseUrl(URI url) {
        return new FhirAdapterConfig(url, clientId, consumerGroup, retryDelay, retryAttempts, refusedAttempts, connectTimeout,
                socketTimeout, bearerToken);
    }

    /** The same settings with {@code token} sent as the bearer token (e.g. the embedded server's writer token). */
    public FhirAdapterConfig withBearerToken(String token) {
        return new FhirAdapterConfig(baseUrl, clientId, consumerGroup, retryDelay, retryAttempts, refusedAttempts,
                connectTimeout, socketTimeout, Optional.of(token));
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
        return new FhirAdapterConfig(uri, config.string(CLIENT_ID, DEFAULT_CLIENT_ID),
                config.string(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP),
                config.duration(RETRY_DELAY, DEFAULT_RETRY_DELAY),
                config.integer(RETRY_ATTEMPTS, DEFAULT_RETRY_ATTEMPTS, 1, 100),
                config.integer(REFUSED_ATTEMPTS, DEFAULT_REFUSED_ATTEMPTS, 1, 20),
                config.duration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
                config.duration(SOCKET_TIMEOUT, DEFAULT_SOCKET_TIMEOUT),
                config.raw(BEARER_TOKEN).filter(token -> !token.isEmpty()));
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "FhirAdapterConfig[baseUrl=" + baseUrl + ", clientId=" + clientId + ", consumerGroup=" + consumerGroup
                + ", bearerToken=" + (bearerToken.isPresent() ? "set" : "none") + "]";
    }
}
