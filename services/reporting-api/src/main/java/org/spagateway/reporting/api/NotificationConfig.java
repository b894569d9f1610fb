package org.spagateway.reporting.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.retry.RetrySchedule;

/**
 * The {@code spa.notify.*} section: the reporting systems' webhooks that hear of every candidate set and approval,
 * and how hard the {@code webhook-notification} route tries. No webhook configured means no route.
 *
 * @param webhooks       the endpoints, in configuration order
 * @param retry          per-webhook attempts and backoff
 * @param connectTimeout the longest wait for a TCP (and TLS) connection
 * @param requestTimeout the longest wait for one response, from sending the request
 * @param consumerGroup  the route's consumer group on spa.candidates.ready and spa.session.approved
 */
public record NotificationConfig(List<Webhook> webhooks, RetrySchedule retry, Duration connectTimeout,
                                 Duration requestTimeout, String consumerGroup) {

    public static final String WEBHOOKS = "spa.notify.webhooks";
    public static final String WEBHOOK_PREFIX = "spa.notify.webhook.";
    public static final String URL = "url";
    public static final String SECRET = "secret";
    public static final String ALLOW_HTTP_LOOPBACK = "spa.notify.allow-http-loopback";
    public static final String MAX_ATTEMPTS = "spa.notify.retry.max-attempts";
    public static final String INITIAL_DELAY = "spa.notify.retry.initial-delay";
    public static final String MAX_DELAY = "spa.notify.retry.max-delay";
    public static final String CONNECT_TIMEOUT = "spa.notify.connect-timeout";
    public static final String REQUEST_TIMEOUT = "spa.notify.request-timeout";
    public static final String CONSUMER_GROUP = "spa.notify.consumer-group";

    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final String DEFAULT_CONSUMER_GROUP = "spa-notify";

    private static final Pattern NAME = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(WEBHOOKS, "",
                    "Names of the reporting-system webhooks told of every CandidatesReady and SessionApproved,"
                            + " comma-separated; empty = no notifications."),
            new ConfigOption(WEBHOOK_PREFIX + "<name>." + URL, "",
                    "https URL the CloudEvent is POSTed to (application/cloudevents+json); required. http only to"
                            + " a loopback address, and only with " + ALLOW_HTTP_LOOPBACK + "=true."),
            new ConfigOption(WEBHOOK_PREFIX + "<name>." + SECRET, "",
                    "Standard Webhooks secret(s) the deliveries are signed with (webhook-id, webhook-timestamp,"
                            + " webhook-signature: v1 HMAC-SHA256 of id.timestamp.body): whsec_ and the base64 of at"
                            + " least " + WebhookSignature.MIN_KEY_BYTES + " random bytes (echo whsec_$(openssl rand"
                            + " -base64 32)); required. Two, comma-separated, while rotating: each delivery carries"
                            + " both signatures."),
            new ConfigOption(ALLOW_HTTP_LOOPBACK, "false",
                    "Allow http:// webhook URLs whose host is a loopback address (a receiver on the same host, or"
                            + " tests); any other http URL is refused at start."),
            new ConfigOption(MAX_ATTEMPTS, String.valueOf(DEFAULT_MAX_ATTEMPTS),
                    "POST attempts per webhook and delivery, the first included. A webhook that answers 500 (or"
                            + " another server error but 502-504), 408 or 429 after the last is dead-lettered"
                            + " (NOTIFY_FAILED); one that cannot be reached (no answer, 502, 503, 504) is tried again"
                            + " from Kafka without limit and never dead-lettered; a 4xx answer other than 408 and 429"
                            + " is dead-lettered at once (NOTIFY_REJECTED)."),
            new ConfigOption(INITIAL_DELAY, "1s", "Wait before the second attempt; doubles for each further"
                    + " attempt, each wait between half and all of that (jitter)."),
            new ConfigOption(MAX_DELAY, "60s", "Longest wait between two attempts."),
            new ConfigOption(CONNECT_TIMEOUT, "5s", "Longest wait for the connection to a webhook."),
            new ConfigOption(REQUEST_TIMEOUT, "10s",
                    "Longest wait for a webhook's response before the attempt counts as a retriable failure."),
            new ConfigOption(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP,
                    "Prefix of the consumer groups of the webhook-notification routes on spa.candidates.ready and"
                            + " spa.session.approved: one route and group per webhook, <prefix>-<name>."));

    public NotificationConfig {
        webhooks = List.copyOf(webhooks);
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
    }

    public boolean enabled() {
        return !webhooks.isEmpty();
    }

    /**
     * The settings of one webhook's notifications: each webhook has its own consumer (group
     * {@code <consumer-group>-<name>}), so a receiver that is down waits alone and never holds up the others.
     */
    public NotificationConfig forWebhook(Webhook webhook) {
        if (!webhooks.contains(webhook)) {
            throw new IllegalArgumentException("not a configured webhook: " + webhook.name());
        }
        return new NotificationConfig(List.of(webhook), retry, connectTimeout, requestTimeout,
                consumerGroup + "-" + webhook.name());
    }

    /** The longest one record can keep the route busy: every attempt at every webhook times out. */
    public Duration worstCaseRecordTime() {
        return connectTimeout.plus(requestTimeout).multipliedBy((long) retry.maxAttempts() * webhooks.size())
                .plus(retry.totalDelay());
    }

    /** As {@link ExportConfig#maxPollInterval()}: a struggling receiver never gets the consumer evicted mid-record. */
    public Duration maxPollInterval() {
        return Duration.ofMillis(Math.max(300_000L, worstCaseRecordTime().toMillis() + 60_000L));
    }

    public static NotificationConfig from(ConfigSource config) {
        Duration initial = config.duration(INITIAL_DELAY, DEFAULT_INITIAL_DELAY);
        Duration max = config.duration(MAX_DELAY, DEFAULT_MAX_DELAY);
        if (max.compareTo(initial) < 0) {
            throw new ConfigException(MAX_DELAY, max + " is shorter than " + INITIAL_DELAY + " " + initial);
        }
        Duration connect = atLeast100ms(config, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
        Duration request = atLeast100ms(config, REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
        RetrySchedule retry = new RetrySchedule(config.integer(MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1, 100), initial,
                max);
        return new NotificationConfig(webhooks(config, config.bool(ALLOW_HTTP_LOOPBACK, false)), retry, connect,
                request,
                config.string(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP));
    }

    private static Duration atLeast100ms(ConfigSource config, String key, Duration defaultValue) {
        Duration value = config.duration(key, defaultValue);
        if (value.toMillis() < 100) {
            throw new ConfigException(key, "must be at least 100ms");
        }
        return value;
    }

    private static List<Webhook> webhooks(ConfigSource config, boolean httpLoopback) {
        List<Webhook> webhooks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : config.list(WEBHOOKS, List.of())) {
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException(WEBHOOKS, "webhook name '" + name + "' must match " + NAME.pattern());
            }
            if (!seen.add(name)) {
                throw new ConfigException(WEBHOOKS, "webhook '" + name + "' is listed twice");
            }
            String prefix = WEBHOOK_PREFIX + name + ".";
            URI url = url(prefix + URL, config.requiredString(prefix + URL), httpLoopback);
            try {
                webhooks.add(new Webhook(name, url, config.list(prefix + SECRET, List.of())));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(prefix + SECRET, e.getMessage());
            }
        }
        return webhooks;
    }

    private static URI url(String key, String text, boolean httpLoopback) {
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new ConfigException(key, "must be an absolute https URL");
            }
            if (scheme.equals("http") && !(httpLoopback && isLoopback(url.getHost()))) {
                throw new ConfigException(key, "must be https (http is allowed only to a loopback address, with "
                        + ALLOW_HTTP_LOOPBACK + "=true): the events name studies and sessions");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "is not a URL: " + e.getReason());
        }
    }

    /** A literal loopback address or {@code localhost}; no name is resolved. */
    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || bare.equals("::1") || bare.matches("127(\\.\\d{1,3}){3}");
    }
}
