package org.spagateway.reporting.api;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.kafka.support.TraceParent;
import org.spagateway.events.EventType;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.DeadLetter;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.RetryInRounds;
import org.spagateway.retry.Pause;
import org.spagateway.kafka.support.CorrelationScope;

/**
 * Tells reporting systems of each candidate set and approval: POSTs the consumed CloudEvent unchanged (structured
 * JSON mode, {@value #CONTENT_TYPE}) to every configured webhook, signed by the Standard Webhooks scheme
 * ({@link WebhookSignature}: the CloudEvent id as webhook-id, this attempt's time, every secret of the webhook). Every webhook ends delivered (a 2xx answer), dead-lettered with its name
 * ({@value #NOTIFY_REJECTED} at once when the answer says retrying cannot help, {@value #NOTIFY_FAILED} when it kept
 * answering with a retriable failure until the attempts ran out), or, when it could not be reached at the last
 * attempt (no answer, or 502, 503, 504 from a proxy in front of it), {@link WebhookUnavailableException}: nothing is
 * published and the record is consumed again, however long the receiver is down. Retries go in rounds
 * ({@link RetryInRounds}, with jittered back-off), so a failing receiver never delays a healthy one.
 *
 * <p>Delivery is at least once: a record consumed again after a crash is POSTed again, with the same CloudEvent
 * {@code id}, on which receivers deduplicate.
 */
public final class WebhookNotifier implements AutoCloseable {

    /** Dead-letter reason: the webhook kept answering with a retriable failure until the attempts ran out. */
    public static final String NOTIFY_FAILED = "NOTIFY_FAILED";
    /** Dead-letter reason: the webhook refused in a way retrying cannot change (4xx other than 408 and 429). */
    public static final String NOTIFY_REJECTED = "NOTIFY_REJECTED";
    /** CloudEvents HTTP protocol binding, structured content mode (section 3.2). */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    static final String COMPONENT = "routes/webhook-notification";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

    /** What one answer means for the delivery. */
    enum Disposition { DELIVERED, PERMANENT, RETRIABLE }

    private final EventCodec codec;
    private final NotificationConfig config;
    private final RetryInRounds<Webhook, Answer> retry;
    private final ExecutorService executor;
    private final HttpClient client;
    private final Clock clock;

    /**
     * @param jitter {@link Jitter#EQUAL} in service; tests pass {@link Jitter#NONE} to assert the schedule's waits
     * @param clock  the time each attempt is signed with
     */
    public WebhookNotifier(EventCodec codec, NotificationConfig config, Pause pause, Jitter jitter, Clock clock) {
        this.codec = codec;
        this.clock = clock;
        this.config = config;
        this.retry = new RetryInRounds<>(config.retry(), jitter, pause);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "webhook-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Redirects are not followed: a webhook that moved is a configuration error, and following could send
        // the signed event somewhere nobody configured.
        this.client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).executor(executor).build();
    }

    /** RFC 9110: 408 and 429 invite a retry; any other 4xx (and a redirect) will be answered the same again. */
    static Disposition classify(int status) {
        if (status >= 200 && status < 300) {
            return Disposition.DELIVERED;
        }
        if (status == 408 || status == 429 || status >= 500 || status < 200) {
            return Disposition.RETRIABLE;
        }
        return Disposition.PERMANENT;
    }

    /**
     * @throws InterruptedException when interrupted (shutdown): nothing is dead-lettered, the record is consumed
     *                              again
     * @throws WebhookUnavailableException when a webhook could not be reached at its last attempt: nothing is
     *                              dead-lettered, the record is consumed again
     */
    public List<OutboundRecord> handle(byte[] value, String key, String sourceTopic)
            throws InterruptedException, WebhookUnavailableException {
        EventEnvelope<?> event;
        try {
            event = codec.decode(value == null ? "" : new String(value, StandardCharsets.UTF_8),
                    expectedType(sourceTopic));
        } catch (InvalidEventException e) {
            LOG.warn("Dead-lettering unreadable record from {} ({}): {}", sourceTopic, e.reason(), e.getMessage());
            return List.of(DeadLetter.of(COMPONENT, sourceTopic, e.reason().name(), e.getMessage()).record(key, value));
        }
        try (CorrelationScope scope = CorrelationScope.open(event.correlationId())) {
            return notifyAll(event, value, key, sourceTopic);
        }
    }

    private List<OutboundRecord> notifyAll(EventEnvelope<?> event, byte[] value, String key, String sourceTopic)
            throws InterruptedException, WebhookUnavailableException {
        List<OutboundRecord> deadLetters = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        retry.deliver(config.webhooks(), (webhook, attempt) -> post(webhook, event, value), Answer::verdict,
                new RetryInRounds.Outcomes<>() {
                    @Override
                    public void succeeded(Webhook webhook, int attempt, Answer answer) {
                        LOG.info("Event {} ({}) of session {} delivered to webhook {} (attempt {}): HTTP {}",
                                event.eventId(), event.type(), key, webhook.name(), attempt, answer.detail());
                    }

                    @Override
                    public void rejected(Webhook webhook, int attempt, Answer answer) {
                        LOG.error("Dead-lettering event {} for webhook {}: rejected ({})", event.eventId(),
                                webhook.name(), answer.detail());
                        deadLetters.add(deadLetter(value, key, sourceTopic, NOTIFY_REJECTED, webhook, attempt,
                                answer));
                    }

                    @Override
                    public void exhausted(Webhook webhook, int attempt, Answer answer) {
                        if (!answer.reached()) {
                            LOG.warn("Webhook {} cannot be reached after {} attempts ({}): event {} will be consumed"
                                    + " again", webhook.name(), attempt, answer.detail(), event.eventId());
                            unreachable.add(webhook.name() + ": " + answer.detail());
                            return;
                        }
                        LOG.error("Dead-lettering event {} for webhook {}: still failing after {} attempts ({})",
                                event.eventId(), webhook.name(), attempt, answer.detail());
                        deadLetters.add(deadLetter(value, key, sourceTopic, NOTIFY_FAILED, webhook, attempt, answer));
                    }

                    @Override
                    public void retrying(Webhook webhook, int attempt, Answer answer, Duration wait) {
                        LOG.warn("Webhook {} failed for event {} (attempt {} of {}), retrying in {}: {}",
                                webhook.name(), event.eventId(), attempt, config.retry().maxAttempts(), wait,
                                answer.detail());
                    }
                });
        if (!unreachable.isEmpty()) {
            throw new WebhookUnavailableException("event " + event.eventId() + ": " + String.join("; ", unreachable));
        }
        return deadLetters;
    }

    private Answer post(Webhook webhook, EventEnvelope<?> event, byte[] body) throws InterruptedException {
        String eventId = event.eventId();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url())
                .timeout(config.requestTimeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("User-Agent", "spa-gateway")
                .header(TraceParent.HEADER, TraceParent.of(event))
                .header(WebhookSignature.ID_HEADER, eventId)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER,
                        WebhookSignature.sign(webhook.keys(), eventId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            // 502, 503, 504: a gateway or the server itself says it cannot serve anything now.
            return new Answer(classify(status), String.valueOf(status), status < 502 || status > 504);
        } catch (IOException e) {
            // Connection refused, reset, TLS failure, timeout: the receiver may be back on the next attempt.
            return new Answer(Disposition.RETRIABLE, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), false);
        }
    }

    private static EventType expectedType(String sourceTopic) {
        return Topic.SESSION_APPROVED.name().equals(sourceTopic) ? EventType.SESSION_APPROVED
                : EventType.CANDIDATES_READY;
    }

    private static OutboundRecord deadLetter(byte[] value, String key, String sourceTopic, String reasonCode,
                                             Webhook webhook, int attempts, Answer answer) {
        return DeadLetter.of(COMPONENT, sourceTopic, reasonCode, "HTTP " + answer.detail())
                .forDestination(webhook.name(), attempts)
                .record(key, value);
    }

    /** Stops the HTTP client's worker threads. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param reached whether the receiver itself answered (any status but 502-504) */
    private record Answer(Disposition disposition, String detail, boolean reached) {

        RetryInRounds.Verdict verdict() {
            return switch (disposition) {
                case DELIVERED -> RetryInRounds.Verdict.SUCCEEDED;
                case PERMANENT -> RetryInRounds.Verdict.REJECTED;
                case RETRIABLE -> RetryInRounds.Verdict.RETRIABLE;
            };
        }
    }
}
