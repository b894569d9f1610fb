package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.Topic;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.FreePorts;

/**
 * The production split (docker-compose.yml) with the launcher's switches: an external broker, an edge process
 * (listener and routes only) and a worker-and-profiles process (no listener, no routes) that meet on Kafka, the
 * session ledger and the edge's WADO-RS endpoint: the worker fetches the source images over HTTP into its own cache
 * instead of reading the listener's folder, and writes its SEGs into a folder of its own, which the edge never reads
 * (the picker renders the round's SEG from the ledger's database). A study sent to the edge gets its round from the
 * other process, and a choice posted to the edge's API gets the next round and the profile update.
 */
class SeparateServicesIT {

    private static final EventCodec CODEC = new EventCodec();

    @TempDir
    Path work;

    @Test
    void anEdgeAndAWorkerStartedSeparatelyServeAStudyAndAChoiceThroughAnExternalBroker() throws Exception {
        Set<String> threadsBefore = GatewayThreads.nonDaemon();
        GeneratedStudy study = new SyntheticStudyGenerator()
                .generate(StudySpec.of(DemoTask.FUNDUS, 1, 31).withSize(256), work.resolve("sent"));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        int wadoPort = FreePorts.findFreeLoopbackPort();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.from(ConfigSource.of(Map.of(
                     "spa.kafka.embedded.data-dir", work.resolve("kafka").toString(),
                     "spa.kafka.embedded.port", "0"))));
             AllInOneGateway edge = AllInOneGateway.start(service(broker, Map.of(
                     AllInOneConfig.LISTENER, "true", AllInOneConfig.ROUTES, "true",
                     "spa.worker.enabled", "false", "spa.profiles.enabled", "false",
                     "spa.listener.wado.enabled", "true", "spa.listener.wado.port", Integer.toString(wadoPort),
                     "spa.listener.wado.public-base-url", "http://127.0.0.1:" + wadoPort)));
             AllInOneGateway worker = AllInOneGateway.start(service(broker, Map.of(
                     AllInOneConfig.LISTENER, "false", AllInOneConfig.ROUTES, "false",
                     "spa.worker.enabled", "true", "spa.profiles.enabled", "true",
                     "spa.worker.source.cache-dir", work.resolve("worker-source-cache").toString(),
                     "spa.worker.output-root", work.resolve("worker-results").toString())));
             EventTail tail = new EventTail(broker.bootstrapServers(), List.of(Topic.CANDIDATES_READY,
                     Topic.PROFILE_UPDATED))) {
            assertThat(edge.workerRunning()).isFalse();
            assertThat(worker.listenerRunning()).isFalse();
            assertThat(worker.choiceApiUri()).isEmpty();

            Dcmtk.Result sent = Dcmtk.storescu("STORESCU", edge.dicomAeTitle(), "127.0.0.1", edge.dicomPort(),
                    study.files());
            assertThat(sent.succeeded()).as(sent.output()).isTrue();
            CandidatesReady first = await().atMost(Duration.ofSeconds(90)).until(() -> {
                records.addAll(tail.poll(Duration.ofMillis(200)));
                return round(records, 1);
            }, ready -> ready != null);
            assertThat(first.sources()).singleElement().satisfies(source -> {
                assertThat(source.location()).startsWith("http://127.0.0.1:" + wadoPort + "/dicom-web/studies/");
                assertThat(work.resolve("worker-source-cache").resolve(source.sha256() + ".dcm")).isRegularFile();
            });

            // The edge reads the round's SEG from the ledger's database, not from the worker's own folder.
            deleteRecursively(work.resolve("worker-results"));
            HttpResponse<byte[]> segment = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(edge.choiceApiUri().orElseThrow()).resolve("/sessions/" + first.sessionId()
                            + "/rounds/1/segments/2.png")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(segment.statusCode()).as(new String(segment.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(200);
            assertThat(segment.headers().firstValue("Content-Type")).contains("image/png");
            // The source, named by the edge's own WADO-RS URL, is read from the edge's store (not fetched from itself).
            HttpResponse<byte[]> source = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(edge.choiceApiUri().orElseThrow()).resolve("/sessions/" + first.sessionId()
                            + "/source.png")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(source.statusCode()).as(new String(source.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(200);

            HttpResponse<String> choice = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(edge.choiceApiUri().orElseThrow()).resolve("/choices"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"sessionId\":\"" + first.sessionId() + "\",\"round\":1,\"decision\":\"CANDIDATE\","
                                    + "\"candidate\":{\"rank\":1,\"segmentNumber\":2},"
                                    + "\"clinician\":{\"id\":\"dr-split\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(choice.statusCode()).as(choice.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                records.addAll(tail.poll(Duration.ofMillis(200)));
                assertThat(round(records, 2)).isNotNull();
                assertThat(records).anyMatch(r -> r.topic().equals(Topic.PROFILE_UPDATED.name())
                        && r.value().contains("\"clinicianId\":\"dr-split\""));
            });
        }
        assertThat(GatewayThreads.nonDaemon()).as("threads left behind").isSubsetOf(threadsBefore);
    }

    private static void deleteRecursively(Path folder) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(path);
            }
        }
    }

    /** One service process: external broker, no embedded FHIR, no demo, shared storage under the test folder. */
    private ConfigSource service(EmbeddedKafkaBroker broker, Map<String, String> switches) throws Exception {
        return AllInOneGatewayIT.testConfig(work).with(Map.of(
                AllInOneConfig.EMBEDDED_KAFKA, "false",
                "spa.kafka.bootstrap-servers", broker.bootstrapServers(),
                AllInOneConfig.DEMO_ENABLED, "false")).with(switches);
    }

    private static CandidatesReady round(List<ConsumerRecord<String, String>> records, int round) {
        return records.stream().filter(r -> r.topic().equals(Topic.CANDIDATES_READY.name()))
                .map(r -> CODEC.<CandidatesReady>decode(r.value(), EventType.CANDIDATES_READY).data())
                .filter(ready -> ready.round() == round).findFirst().orElse(null);
    }
}
