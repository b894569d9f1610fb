package org.spagateway.reporting.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * The {@code spa.choices.*} section: how reporting systems hand in clinicians' choices, over HTTP (the choice API)
 * and on {@code spa.choice.made}. Both need the session ledger ({@code spa.sessions.*}).
 *
 * @param enabled        whether the choice API and the choice topic route run
 * @param bindAddress    the address the HTTP server listens on; loopback unless a proxy or the network needs more
 * @param port           its TCP port; 0 picks a free one
 * @param apiToken       the bearer token every request but {@code GET /health} must carry; empty = no token
 * @param clientName     who the API client is, for the access audit when a request names no user
 * @param maxBodyBytes   the largest request body accepted (larger: 413)
 * @param consumerGroup  the choice topic route's consumer group on spa.choice.made
 * @param readTimeout    the longest wait for the next bytes of a request, and with {@code minBodyRate} the deadline
 *                       of its body
 * @param minBodyRate    the slowest a request body may arrive, in bytes per second (slower: 408)
 * @param maxInteractiveBacklog requests waiting for the workers on spa.inference.interactive at which new sessions
 *                       and choices are refused (429); 0 = never
 * @param workerConsumerGroup the workers' consumer group, whose committed offsets tell what is done
 * @param auth           how callers prove who they are ({@link ChoiceAuthConfig})
 * @param tls            HTTPS on the choice API ({@link ChoiceTlsConfig})
 * @param events         the candidate picker's live event streams ({@link EventStreamConfig})
 */
public record ChoiceApiConfig(boolean enabled, String bindAddress, int port, Optional<String> apiToken,
                              String clientName, int maxBodyBytes, String consumerGroup, Duration readTimeout,
                              int minBodyRate, int maxInteractiveBacklog, String workerConsumerGroup,
                              ChoiceAuthConfig auth, ChoiceTlsConfig tls, EventStreamConfig events) {

    public static final String ENABLED = "spa.choices.enabled";
    public static final String BIND_ADDRESS = "spa.choices.bind-address";
    public static final String PORT = "spa.choices.port";
    public static final String API_TOKEN = "spa.choices.api-token";
    public static final String CLIENT_NAME = "spa.choices.client-name";
    public static final String MAX_BODY_BYTES = "spa.choices.max-body-bytes";
    public static final String CONSUMER_GROUP = "spa.choices.consumer-group";
    public static final String READ_TIMEOUT = "spa.choices.read-timeout";
    public static final String MIN_BODY_RATE = "spa.choices.min-body-rate";
    public static final String MAX_INTERACTIVE_BACKLOG = "spa.choices.max-interactive-backlog";
    public static final String WORKER_CONSUMER_GROUP = "spa.choices.worker-consumer-group";

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8090;
    public static final String DEFAULT_CLIENT_NAME = "reporting-system";
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final String DEFAULT_CONSUMER_GROUP = "spa-choices";
    /** Shorter tokens can be guessed; 16 characters of a random token are about 96 bits. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private static final Pattern CLIENT_NAME_PATTERN = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

    public static final List<ConfigOption> OPTIONS = Stream.of(List.of(
            new ConfigOption(ENABLED, "true",
                    "Run the choice API (HTTP) and the spa.choice.made route, which record clinicians' choices in the"
                            + " session ledger and request the next round."),
            new ConfigOption(BIND_ADDRESS, DEFAULT_BIND_ADDRESS,
                    "Address the choice API listens on; loopback by default. Beyond loopback the choice API needs"
                            + " jwt mode (spa.choices.auth.mode) and HTTPS (spa.choices.tls.key-store, or a TLS"
                            + " proxy in front)."),
            new ConfigOption(PORT, String.valueOf(DEFAULT_PORT), "TCP port of the choice API; 0 picks a free port."),
            new ConfigOption(API_TOKEN, "",
                    "Development mode (spa.choices.auth.mode=static-token) only: the bearer token every choice API"
                            + " request except GET /health must carry (at least " + MIN_TOKEN_LENGTH
                            + " characters); empty = no token required."),
            new ConfigOption(CLIENT_NAME, DEFAULT_CLIENT_NAME,
                    "Development mode only: name of the choice API's client in the access audit when a request"
                            + " has no X-Spa-User header (in jwt mode the audit names the token's subject)."),
            new ConfigOption(MAX_BODY_BYTES, String.valueOf(DEFAULT_MAX_BODY_BYTES),
                    "Largest request body the choice API accepts, in bytes; larger bodies are answered 413."),
            new ConfigOption(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP,
                    "Consumer group of the choice-topic route on spa.choice.made."),
            new ConfigOption(READ_TIMEOUT, "10s",
                    "Longest wait for the next bytes of a request; a connection silent that long is closed, so"
                            + " slow or stalled clients cannot hold the API's threads."),
            new ConfigOption(MIN_BODY_RATE, "1024",
                    "Slowest a request body may arrive, in bytes per second, once the headers are in; a slower"
                            + " body is cut off (408). The bearer token is checked before any body byte is read."),
            new ConfigOption(MAX_INTERACTIVE_BACKLOG, "200",
                    "Requests waiting for the workers on spa.inference.interactive (next rounds and new sessions"
                            + " not yet done) at which POST /sessions and POST /choices are answered 429 with"
                            + " Retry-After, so the lane the workers serve first stays bounded; 0 = never refuse."),
            new ConfigOption(WORKER_CONSUMER_GROUP, "spa-inference-worker",
                    "The workers' consumer group (spa.worker.consumer-group), whose committed offsets tell the"
                            + " choice API which interactive requests are done.")),
            ChoiceAuthConfig.OPTIONS, ChoiceTlsConfig.OPTIONS, EventStreamConfig.OPTIONS)
            .flatMap(List::stream).toList();

    public ChoiceApiConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(apiToken, "apiToken");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(workerConsumerGroup, "workerConsumerGroup");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(events, "events");
    }

    public static ChoiceApiConfig from(ConfigSource config) {
        String bindAddress = config.string(BIND_ADDRESS, DEFAULT_BIND_ADDRESS);
        try {
            InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new ConfigException(BIND_ADDRESS, "'" + bindAddress + "' is not an address of this host");
        }
        Optional<String> token = config.raw(API_TOKEN).filter(t -> !t.isEmpty());
        if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
            throw new ConfigException(API_TOKEN, "must be at least " + MIN_TOKEN_LENGTH + " characters");
        }
        if (token.isPresent() && !token.get().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ConfigException(API_TOKEN, "must be printable ASCII without spaces");
        }
        String clientName = config.string(CLIENT_NAME, DEFAULT_CLIENT_NAME);
        if (!CLIENT_NAME_PATTERN.matcher(clientName).matches()) {
            throw new ConfigException(CLIENT_NAME, "'" + clientName + "' must match " + CLIENT_NAME_PATTERN.pattern());
        }
        boolean enabled = config.bool(ENABLED, true);
        ChoiceAuthConfig auth = ChoiceAuthConfig.from(config, bindAddress, enabled);
        if (auth.jwt() && token.isPresent()) {
            throw new ConfigException(API_TOKEN, "applies to " + ChoiceAuthConfig.MODE + "=static-token only; in jwt"
                    + " mode every caller presents its own bearer JWT");
        }
        return new ChoiceApiConfig(enabled, bindAddress,
                config.integer(PORT, DEFAULT_PORT, 0, 65_535), token, clientName,
                config.integer(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES, 1_024, 16 * 1024 * 1024),
                config.string(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP),
                positive(READ_TIMEOUT, config.duration(READ_TIMEOUT, Duration.ofSeconds(10))),
                config.integer(MIN_BODY_RATE, 1024, 1, 100 * 1024 * 1024),
                config.integer(MAX_INTERACTIVE_BACKLOG, 200, 0, 1_000_000),
                config.string(WORKER_CONSUMER_GROUP, "spa-inference-worker"),
                auth, ChoiceTlsConfig.from(config), EventStreamConfig.from(config));
    }

    private static Duration positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(key, "must be positive");
        }
        return value;
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ChoiceApiConfig[enabled=" + enabled + ", bindAddress=" + bindAddress + ", port=" + port
                + ", apiToken=" + (apiToken.isPresent() ? "(set)" : "(none)") + ", clientName=" + clientName
                + ", maxBodyBytes=" + maxBodyBytes + ", consumerGroup=" + consumerGroup + ", readTimeout="
                + readTimeout + ", minBodyRate=" + minBodyRate + ", maxInteractiveBacklog=" + maxInteractiveBacklog
                + ", workerConsumerGroup=" + workerConsumerGroup + ", auth=" + auth + ", tls=" + tls + ", events="
                + events + "]";
    }
}
