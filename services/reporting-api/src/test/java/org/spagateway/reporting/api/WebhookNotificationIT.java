package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.test.harness.TopicReader;
import org.spagateway.test.harness.ExampleEvents;

/**
 * The {@code webhook-notification} route with a real broker and three real HTTP receivers on loopback: one that is
 * unavailable twice per event before it takes it, one that refuses every event, and a closed port.
 */
class WebhookNotificationIT {

    private static final EventCodec CODEC = new EventCodec();
    private static final InstanceReference SOURCE = new InstanceReference("2.25.77.1", "1.2.840.10008.5.1.4.1.1.2",
            "1.2.840.10008.1.2.1", "file:///var/lib/spa/dicom/1.dcm", 10);

    @TempDir
    static Path work;

    private static EmbeddedKafkaBroker broker;
    private static RunningReportingApi runtime;
    private static SessionLedger ledger;
    private static TopicReader topics;
    private static Receiver flaky;
    private static Receiver refusing;
    private static Receiver failing;
    private static Receiver down;

    @BeforeAll
    static void start() throws IOException {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(work.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        topics = new TopicReader(broker.bootstrapServers());
        flaky = Receiver.start(attempt -> attempt <= 2 ? 503 : 204);
        refusing = Receiver.start(attempt -> 400);
        failing = Receiver.start(attempt -> 500);
        down = Receiver.start(attempt -> 503);
        NotificationConfig notifications = NotificationConfig.from(ConfigSource.of(Map.ofEntries(
                Map.entry("spa.notify.webhooks", "flaky,refusing,failing,down"),
                Map.entry("spa.notify.webhook.flaky.url", flaky.url()),
                Map.entry("spa.notify.webhook.flaky.secret", WebhookSignatureTest.SECRET),
                Map.entry("spa.notify.webhook.refusing.url", refusing.url()),
                Map.entry("spa.notify.webhook.refusing.secret", WebhookSignatureTest.SECRET),
                Map.entry("spa.notify.webhook.failing.url", failing.url()),
                Map.entry("spa.notify.webhook.failing.secret", WebhookSignatureTest.SECRET),
                Map.entry("spa.notify.webhook.down.url", down.url()),
                Map.entry("spa.notify.webhook.down.secret", WebhookSignatureTest.SECRET),
                Map.entry(NotificationConfig.ALLOW_HTTP_LOOPBACK, "true"),
                Map.entry("spa.notify.retry.max-attempts", "4"),
                Map.entry("spa.notify.retry.initial-delay", "100ms"),
                Map.entry("spa.notify.retry.max-delay", "400ms"),
                Map.entry("spa.notify.request-timeout", "5s"))));
        runtime = RunningReportingApi.start(KafkaConfig.forBootstrapServers(broker.bootstrapServers()),
                ledger = SessionLedgerConfig.embedded(work.resolve("sessions")).ledger(),
                ChoiceApiConfig.from(ConfigSource.of(Map.of(ChoiceApiConfig.ENABLED, "false"))), notifications);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (ledger != null) {
            ledger.close();
        }
        if (flaky != null) {
            flaky.server.stop(0);
        }
        for (Receiver receiver : new Receiver[] {refusing, failing, down}) {
            if (receiver != null) {
                receiver.server.stop(0);
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aCandidateSetIsDeliveredOnceAfterTwoUnavailableAnswersEachAttemptSignedWithTheEventIdAsWebhookId()
            throws Exception {
        EventEnvelope<CandidatesReady> event = ExampleEvents.event(ExampleEvents.candidatesReady("notify-ready",
                "2.25.77", "2.25.78", "2.25.79", Path.of("/var/lib/spa/seg/2.25.79.dcm"), 100, SOURCE));
        byte[] value = CODEC.encodeBytes(event);

        publish(Topic.CANDIDATES_READY, event.subject(), value);

        List<ConsumerRecord<String, byte[]>> dead = awaitDeadLetters("notify-ready");
        List<Delivery> deliveries = flaky.deliveries(event.eventId());
        assertThat(deliveries).extracting(Delivery::status).containsExactly(503, 503, 204);
        assertThat(deliveries).allSatisfy(delivery -> {
            assertThat(delivery.body()).isEqualTo(value);
            assertThat(delivery.contentType()).isEqualTo("application/cloudevents+json");
            assertThat(delivery.webhookId()).isEqualTo(event.eventId());
        });
        assertThat(deliveries).extracting(Delivery::verdict).as("the receiver's WebhookVerifier: retries are repeats")
                .containsExactly("first", "repeat", "repeat");
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.DESTINATION)).containsOnly("refusing", "failing");
    }

    @Test
    void aRefusingWebhookIsDeadLetteredAtOnceAFailingOneAfterTheLastAttemptAndOneThatIsDownNever() throws Exception {
        EventEnvelope<CandidatesReady> event = ExampleEvents.event(ExampleEvents.candidatesReady("notify-dead",
                "2.25.87", "2.25.88", "2.25.89", Path.of("/var/lib/spa/seg/2.25.89.dcm"), 100, SOURCE));
        byte[] value = CODEC.encodeBytes(event);

        publish(Topic.CANDIDATES_READY, event.subject(), value);

        List<ConsumerRecord<String, byte[]>> dead = awaitDeadLetters("notify-dead");
        ConsumerRecord<String, byte[]> rejected = byDestination(dead, "refusing");
        assertThat(header(rejected, DeadLetterHeaders.REASON_CODE)).isEqualTo(WebhookNotifier.NOTIFY_REJECTED);
        assertThat(header(rejected, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(rejected, DeadLetterHeaders.REASON)).contains("400");
        assertThat(header(rejected, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topic.CANDIDATES_READY.name());
        assertThat(header(rejected, DeadLetterHeaders.COMPONENT)).isEqualTo("routes/webhook-notification");
        assertThat(rejected.value()).isEqualTo(value);
        assertThat(refusing.deliveries(event.eventId())).hasSize(1);
        ConsumerRecord<String, byte[]> failed = byDestination(dead, "failing");
        assertThat(header(failed, DeadLetterHeaders.REASON_CODE)).isEqualTo(WebhookNotifier.NOTIFY_FAILED);
        assertThat(header(failed, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(header(failed, DeadLetterHeaders.REASON)).contains("500");
        // "down" answers 503 to everything: its route keeps consuming its first record again, four attempts a time.
        waitFor().until(down::mostDeliveriesOfOneEvent, deliveries -> deliveries > 8);
        assertThat(topics.readAll(Topic.DEAD_LETTER.name())).as("no dead letter for a receiver that is down")
                .noneMatch(record -> "down".equals(header(record, DeadLetterHeaders.DESTINATION)));
    }

    @Test
    void anApprovalIsDeliveredLikeACandidateSet() throws Exception {
        EventEnvelope<SessionApproved> event = ExampleEvents.approvedEvent(ExampleEvents.sessionApproved(
                "notify-approved", 2, "2.25.97", "2.25.98", "2.25.99", Path.of("/var/lib/spa/seg/2.25.99.dcm"), 100,
                SOURCE));

        publish(Topic.SESSION_APPROVED, event.subject(), CODEC.encodeBytes(event));

        awaitDeadLetters("notify-approved");
        assertThat(flaky.deliveries(event.eventId())).extracting(Delivery::status).containsExactly(503, 503, 204);
    }

    /** The dead letters of the refusing and the unreachable webhook: once both are there, the record is done. */
    private static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(String sessionId) {
        return waitFor().until(() -> topics.records(Topic.DEAD_LETTER.name(), sessionId), r -> r.size() >= 2);
    }

    private static ConsumerRecord<String, byte[]> byDestination(List<ConsumerRecord<String, byte[]>> records,
                                                              String destination) {
        return records.stream().filter(r -> destination.equals(header(r, DeadLetterHeaders.DESTINATION)))
                .findFirst().orElseThrow();
    }

    private static void publish(Topic topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    private static ConditionFactory waitFor() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** One POST a receiver answered. */
    private record Delivery(int status, byte[] body, String contentType, String webhookId, String verdict) {
    }

    /** A loopback HTTP receiver that answers the n-th POST of each CloudEvent id with {@code script(n)}. */
    private record Receiver(HttpServer server, IntUnaryOperator script, Map<String, List<Delivery>> byEventId,
                            WebhookVerifier verifier) {

        static Receiver start(IntUnaryOperator script) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Receiver receiver = new Receiver(server, script, new ConcurrentHashMap<>(),
                    new WebhookVerifier(List.of(WebhookSignatureTest.SECRET), Duration.ofMinutes(5), Clock.systemUTC()));
            server.createContext("/events", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String eventId = ApiJson.read(body).map(json -> json.path("id").asText()).orElse("");
                List<Delivery> deliveries = receiver.byEventId.computeIfAbsent(eventId,
                        id -> new CopyOnWriteArrayList<>());
                int status = script.applyAsInt(deliveries.size() + 1);
                String webhookId = exchange.getRequestHeaders().getFirst(WebhookSignature.ID_HEADER);
                deliveries.add(new Delivery(status, body, exchange.getRequestHeaders().getFirst("Content-Type"),
                        webhookId, Receiver.verdict(receiver.verifier, webhookId, exchange.getRequestHeaders(), body)));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        }

        /** What a receiver that checks as docs/choices.md says makes of the delivery. */
        static String verdict(WebhookVerifier verifier, String id, com.sun.net.httpserver.Headers headers,
                              byte[] body) {
            try {
                return verifier.verify(id, headers.getFirst(WebhookSignature.TIMESTAMP_HEADER),
                        headers.getFirst(WebhookSignature.SIGNATURE_HEADER), body) ? "first" : "repeat";
            } catch (WebhookVerifier.VerificationException e) {
                return e.failure().name();
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
        }

        List<Delivery> deliveries(String eventId) {
            return byEventId.getOrDefault(eventId, List.of());
        }

        int mostDeliveriesOfOneEvent() {
            return byEventId.values().stream().mapToInt(List::size).max().orElse(0);
        }
    }
}
