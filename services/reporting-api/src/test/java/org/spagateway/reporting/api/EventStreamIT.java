package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.study.generator.DemoTask;

/**
 * {@code GET /events} over real HTTP from a real broker: two edges both see an event (no shared consumer group), the
 * stream is bounded, and stopping the gateway ends the open streams instead of waiting on them.
 */
class EventStreamIT {

    private static final String TOKEN = "it-events-token-0123456789";
    private static final EventCodec CODEC = new EventCodec();

    @TempDir
    Path work;

    private EmbeddedKafkaBroker broker;
    private final List<RunningReportingApi> edges = new CopyOnWriteArrayList<>();
    private final List<SessionLedger> ledgers = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        edges.forEach(RunningReportingApi::close);
        ledgers.forEach(SessionLedger::close);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyEdgeStreamsEveryEventAndStoppingEndsTheStreams() throws Exception {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(work.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        SessionLedger ledger = SessionLedgerConfig.embedded(work.resolve("sessions")).ledger();
        ledgers.add(ledger);
        PickerFixtures fixtures = new PickerFixtures(work, ledger);
        PickerFixtures.Session session = fixtures.open("events", DemoTask.CT, 32, LedgerFixtures.RIVERA);
        RunningReportingApi first = edge(ledger, 1);
        RunningReportingApi second = edge(ledger, 1);
        Stream a = open(first);
        Stream b = open(second);

        HttpResponse<String> refused = http.send(request(first), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("TOO_MANY_STREAMS");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        EventEnvelope<?> ready = fixtures.addRound(session, 1);
        publish(Topic.CANDIDATES_READY, session.id(), ready);

        for (Stream stream : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.lines.contains("event: candidates-ready"));
            assertThat(stream.lines).contains("id: " + ready.eventId());
            assertThat(stream.lines.stream().filter(line -> line.startsWith("data: ")).findFirst().orElseThrow())
                    .contains("\"sessionId\":\"" + session.id() + "\"", "\"round\":1");
        }
        assertThat(a.response.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");

        long stopping = System.nanoTime();
        first.close();
        edges.remove(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.ended);
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
    }

    private RunningReportingApi edge(SessionLedger ledger, int maxStreams) throws InterruptedException {
        ChoiceApiConfig choices = ChoiceApiConfig.from(ConfigSource.of(Map.of(
                ChoiceApiConfig.PORT, "0",
                ChoiceApiConfig.API_TOKEN, TOKEN,
                EventStreamConfig.MAX_STREAMS, String.valueOf(maxStreams),
                EventStreamConfig.HEARTBEAT, "1s")));
        RunningReportingApi edge = RunningReportingApi.start(KafkaConfig.forBootstrapServers(broker.bootstrapServers()),
                ledger, choices, NotificationConfig.from(ConfigSource.of(Map.of())));
        edges.add(edge);
        assertThat(edge.api().awaitLiveEvents(Duration.ofSeconds(30))).isTrue();
        return edge;
    }

    private HttpRequest request(RunningReportingApi edge) {
        return HttpRequest.newBuilder(URI.create(edge.choiceApiUri().orElseThrow() + "/events"))
                .header("Authorization", "Bearer " + TOKEN).GET().build();
    }

    /** A stream read line by line on a thread of its own. */
    private Stream open(RunningReportingApi edge) throws Exception {
        HttpResponse<InputStream> response = http.send(request(edge), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Stream stream = new Stream(response);
        Thread reader = new Thread(stream::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.lines.contains(": connected"));
        return stream;
    }

    private void publish(Topic topic, String key, EventEnvelope<?> event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, CODEC.encodeBytes(event))).get();
        }
    }

    private static final class Stream {

        final HttpResponse<InputStream> response;
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile boolean ended;

        Stream(HttpResponse<InputStream> response) {
            this.response = response;
        }

        void read() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("! " + e);
            } finally {
                ended = true;
            }
        }
    }
}
