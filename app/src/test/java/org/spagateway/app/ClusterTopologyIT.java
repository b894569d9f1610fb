package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.Topic;
import org.spagateway.fhir.adapter.AuditQueries;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;

/**
 * The production topology of {@code scripts/cluster.sh}, as an operator runs it: separate processes with their own
 * working directories and no shared folder (the workers fetch source images from the edge over HTTP; their SEGs and
 * round states are in the ledger's PostgreSQL database, where the edge exports and renders them) (a 3-node Kafka KRaft cluster from Kafka's jars, PostgreSQL, HAPI FHIR JPA on PostgreSQL, Orthanc,
 * the edge, two workers, profiles with the FHIR adapter). The test talks to it only over TCP, as a PACS, a reporting
 * system and an auditor would: a study uploaded to Orthanc is auto-routed to the edge, round 1 comes back, a Kafka node
 * is killed (the topics are replicated three times with min.insync.replicas=2, so nothing stops), a choice yields
 * round 2, the approval yields the final SEG in Orthanc, and HAPI on PostgreSQL answers who approved it.
 */
class ClusterTopologyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = new EventCodec();
    private static final Duration START = Duration.ofMinutes(12);
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String CLINICIAN = "{\"id\":\"dr-okafor\",\"system\":\"urn:oid:2.16.840.1.113883.4.6\","
            + "\"personName\":\"Okafor^Ngozi^^Dr\"}";
    /** The offsets scripts/cluster.sh adds to its port base, all of which must be free. */
    private static final int PORT_SPAN = 80;

    /** Kept when the test fails: every process's log is under it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
    private Path clusterDir;
    private int base;

    @AfterEach
    void stopTheCluster() throws Exception {
        if (clusterDir != null) {
            Script down = cluster("down", Duration.ofMinutes(3));
            assertThat(down.exitCode()).as(down.output()).isZero();
            assertThat(cluster("status", Duration.ofMinutes(1)).output()).doesNotContain("running");
        }
    }

    @Test
    void aStudyFromThePacsIsSegmentedChosenAndApprovedAcrossSeparateProcessesAndSurvivesALostKafkaNode()
            throws Exception {
        // PostgreSQL runs as its own system user when the test runs as root: the directory must be traversable.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        clusterDir = work.resolve("cluster");
        base = freePortBase();
        Script up = cluster("up", START);
        assertThat(up.exitCode()).as(up.output() + logs()).isZero();
        String bootstrap = "127.0.0.1:" + (base + 1) + ",127.0.0.1:" + (base + 2) + ",127.0.0.1:" + (base + 3);

        assertTopicsAreReplicatedOnThreeNodes(bootstrap);

        GeneratedStudy study = new SyntheticStudyGenerator()
                .generate(StudySpec.of(DemoTask.FUNDUS, 1, 41).withSize(256), work.resolve("sent"));
        String studyUid = study.studyInstanceUid();
        URI orthanc = URI.create("http://127.0.0.1:" + (base + 40));
        URI choices = URI.create("http://127.0.0.1:" + (base + 51));
        URI fhir = URI.create("http://127.0.0.1:" + (base + 30) + "/fhir/");
        try (EventTail tail = new EventTail(bootstrap, List.of(Topic.CANDIDATES_READY, Topic.SESSION_APPROVED,
                Topic.DEAD_LETTER))) {
            // The modality sends to the PACS; the PACS routes the stable study to the edge.
            for (Path file : study.files()) {
                HttpResponse<String> stored = http.send(HttpRequest.newBuilder(orthanc.resolve("/instances"))
                        .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            }
            CandidatesReady round1 = awaitData(tail, Topic.CANDIDATES_READY, EventType.CANDIDATES_READY,
                    (CandidatesReady ready) -> ready.studyInstanceUid().equals(studyUid) && ready.round() == 1);
            String session = round1.sessionId();
            // The worker got the source from the edge over HTTP (WADO-RS shaped), digest checked, not from its folder.
            assertThat(round1.sources()).allSatisfy(source -> {
                assertThat(source.location()).startsWith("http://127.0.0.1:" + (base + 53) + "/dicom-web/studies/");
                assertThat(source.sha256()).hasSize(64);
            });

            // One broker is lost for good: with three replicas and min.insync.replicas=2 the session goes on.
            killKafkaNode(3);
            HttpResponse<String> chosen = post(choices, "{\"sessionId\":\"" + session + "\",\"round\":1,"
                    + "\"decision\":\"CANDIDATE\",\"candidate\":{\"rank\":1,\"segmentNumber\":2},\"clinician\":"
                    + CLINICIAN + "}");
            assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(202);
            awaitData(tail, Topic.CANDIDATES_READY, EventType.CANDIDATES_READY,
                    (CandidatesReady ready) -> ready.sessionId().equals(session) && ready.round() == 2);
            HttpResponse<String> approval = post(choices, "{\"sessionId\":\"" + session + "\",\"round\":2,"
                    + "\"decision\":\"APPROVE\",\"clinician\":" + CLINICIAN + "}");
            assertThat(approval.statusCode()).as(approval.body()).isEqualTo(202);
            SessionApproved approved = awaitData(tail, Topic.SESSION_APPROVED, EventType.SESSION_APPROVED,
                    (SessionApproved event) -> event.sessionId().equals(session));
            assertThat(approved.approvedBy().id()).isEqualTo("dr-okafor");

            // The final SEG is in the PACS, and the FHIR server on PostgreSQL says who approved it with which model.
            String finalSeg = approved.segmentation().sopInstanceUid();
            await().atMost(WAIT).untilAsserted(() -> assertThat(orthancLookup(orthanc, finalSeg))
                    .containsExactly("Instance"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(resourceTypes(fhir + AuditQueries.producerOfSeg(
                    finalSeg))).containsExactlyInAnyOrder("Provenance", "Device", "Practitioner", "ImagingStudy"));
            records.addAll(tail.poll(Duration.ofMillis(500)));
            assertThat(all(Topic.DEAD_LETTER, null)).isEmpty();
        }
    }

    private void assertTopicsAreReplicatedOnThreeNodes(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(KafkaConfig.forBootstrapServers(bootstrap).adminProperties())) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
            List<String> names = Topic.all().stream().map(Topic::name).toList();
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).allSatisfy(
                    partition -> assertThat(partition.replicas()).as(topic.name()).hasSize(3)));
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker);
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
        }
    }

    private void killKafkaNode(int node) throws Exception {
        long pid = Long.parseLong(Files.readString(clusterDir.resolve("kafka-" + node).resolve("pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    private <T> T awaitData(EventTail tail, Topic topic, EventType type, Predicate<T> wanted) {
        return await().atMost(WAIT).until(() -> {
            records.addAll(tail.poll(Duration.ofMillis(200)));
            return this.<T>all(topic, type).stream().filter(wanted).findFirst().orElse(null);
        }, found -> found != null);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> all(Topic topic, EventType type) {
        return records.stream().filter(r -> r.topic().equals(topic.name()))
                .map(r -> type == null ? (T) r.value() : CODEC.<T>decode(r.value(), type).data()).toList();
    }

    private HttpResponse<String> post(URI api, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(api.resolve("/choices")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The types of what Orthanc holds under this UID ({@code POST /tools/lookup}). */
    private List<String> orthancLookup(URI orthanc, String uid) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(orthanc.resolve("/tools/lookup"))
                .POST(HttpRequest.BodyPublishers.ofString(uid)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        JSON.readTree(response.body()).forEach(match -> types.add(match.path("Type").asText()));
        return types;
    }

    private List<String> resourceTypes(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/fhir+json").header("Cache-Control", "no-cache").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(response.body()).path("entry")) {
            types.add(entry.path("resource").path("resourceType").asText());
        }
        return types;
    }

    /** A port base whose whole span is free on loopback now (the script's processes bind them a moment later). */
    private static int freePortBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(200, 600) * 100;
            if (allFree(candidate)) {
                return candidate;
            }
        }
        throw new IOException("no free span of " + PORT_SPAN + " ports found on 127.0.0.1");
    }

    private static boolean allFree(int candidate) {
        for (int port = candidate; port < candidate + PORT_SPAN; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private Script cluster(String command, Duration timeout) throws Exception {
        Path output = Files.createTempFile(work, "cluster-" + command, ".log");
        Process process = new ProcessBuilder(REPOSITORY.resolve("scripts/cluster.sh").toString(),
                "--dir", clusterDir.toString(), "--port-base", String.valueOf(base), command)
                .directory(REPOSITORY.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Script(-1, "timed out after " + timeout + ":\n" + Files.readString(output));
        }
        return new Script(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** The last lines of every process's log, for a failure message. */
    private String logs() throws IOException {
        if (!Files.isDirectory(clusterDir)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(clusterDir, 2)) {
            return files.filter(file -> file.toString().endsWith(".log")).map(file -> {
                try {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                    return "\n--- " + file + "\n" + String.join("\n",
                            lines.subList(Math.max(0, lines.size() - 15), lines.size()));
                } catch (IOException e) {
                    return "\n--- " + file + ": " + e;
                }
            }).collect(Collectors.joining());
        }
    }

    private record Script(int exitCode, String output) {
    }
}
