package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.test.harness.TopicReader;

/**
 * A consumer route with the shared failure policy on a real broker, its handler failing in the two ways it can: a
 * record it cannot process (a defect nobody foresaw) is dead-lettered and the records behind it go through; a record
 * whose dependency is down is polled again, past the policy's attempts, and never dead-lettered.
 */
class RecordFaultsIT {

    private static final String TOPIC = Topic.CHOICE_MADE.name();

    @TempDir
    static Path kafkaData;

    private static EmbeddedKafkaBroker broker;
    private static CamelServices routes;
    private static TopicReader topics;
    private static KafkaProducer<String, byte[]> producer;
    private static final SimpleMeterRegistry METRICS = new SimpleMeterRegistry();
    private static final List<String> HANDLED = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(kafkaData, 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        topics = new TopicReader(broker.bootstrapServers());
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
        routes = CamelServices.start("record-faults", KafkaConfig.forBootstrapServers(broker.bootstrapServers())
                .withClient("record-faults", "record-faults"), List.of(new TestService()), METRICS);
    }

    @AfterAll
    static void stop() {
        if (routes != null) {
            routes.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** What the handler does with each value: throws for "poison", fails four times for "outage", else keeps it. */
    public static void handle(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        int attempt = ATTEMPTS.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
        if (text.startsWith("poison")) {
            throw new IllegalStateException("cannot process " + text);
        }
        if (text.startsWith("outage") && attempt <= 4) {
            throw new UncheckedIOException(new IOException("storage stalled, attempt " + attempt));
        }
        HANDLED.add(text);
    }

    @Test
    void aRecordNobodyCanProcessIsDeadLetteredAndTheRecordsBehindItGoThrough() throws Exception {
        send("s-1", "poison-1");
        send("s-1", "good-1");

        await().atMost(Duration.ofSeconds(60)).until(() -> HANDLED.contains("good-1"));
        List<ConsumerRecord<String, byte[]>> dead = topics.records(Topic.DEAD_LETTER.name(), "s-1");
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("poison-1");
            assertThat(header(record, DeadLetterHeaders.REASON_CODE)).isEqualTo(RecordFaults.PROCESSING_FAILED);
            assertThat(header(record, DeadLetterHeaders.REASON)).contains("cannot process poison-1");
            assertThat(header(record, DeadLetterHeaders.COMPONENT)).isEqualTo("test/record-faults");
            assertThat(header(record, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPIC);
        });
        assertThat(ATTEMPTS.get("poison-1")).hasValue(RecordFaults.ATTEMPTS);
        // Counted once the producer has returned the broker's acknowledgement to the route, just after the record
        // became readable.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(METRICS.find(DeadLetterCounter.METRIC)
                .tags("source_topic", TOPIC, "reason_code", RecordFaults.PROCESSING_FAILED, "component",
                        "test/record-faults").counters()).singleElement()
                .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0)));
        assertThat(routes.consumerGroups()).containsEntry("record-faults", java.util.Set.of(TOPIC));
    }

    @Test
    void aRecordWhoseDependencyIsDownIsPolledAgainPastTheAttemptsAndNeverDeadLettered() throws Exception {
        send("s-2", "outage-1");
        send("s-2", "good-2");

        await().atMost(Duration.ofSeconds(60)).until(() -> HANDLED.contains("good-2"));
        assertThat(HANDLED).containsSubsequence("outage-1", "good-2");
        assertThat(ATTEMPTS.get("outage-1")).hasValue(5);
        assertThat(topics.records(Topic.DEAD_LETTER.name(), "s-2")).isEmpty();
        assertThat(METRICS.find(DeadLetterCounter.METRIC).tag("reason_code", "PROCESSING_FAILED").counters())
                .allSatisfy(counter -> assertThat(counter.count()).isLessThanOrEqualTo(1.0));
    }

    private static void send(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, key, value.getBytes(StandardCharsets.UTF_8))).get();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static final class TestService implements CamelService {
        @Override
        public void addRoutes(CamelContext context, KafkaConfig kafka) throws Exception {
            KafkaEndpoints endpoints = new KafkaEndpoints(kafka);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    RecordFaults.deadLetterRecordFaults(this, "test/record-faults",
                            endpoints.producer(Topic.DEAD_LETTER.name(), "record-faults"));
                    from(endpoints.consumer(TOPIC, "record-faults", 10)).routeId("record-faults")
                            .process(exchange -> handle(exchange.getMessage().getBody(byte[].class)))
                            .process(new ManualOffsetCommit());
                }
            });
        }

        @Override
        public String describe() {
            return "record faults test route";
        }

        @Override
        public void close() {
        }
    }
}
