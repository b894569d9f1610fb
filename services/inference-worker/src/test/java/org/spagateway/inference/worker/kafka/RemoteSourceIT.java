package org.spagateway.inference.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.listener.DicomListener;
import org.spagateway.dicom.listener.ListenerConfig;
import org.spagateway.dicom.listener.WadoConfig;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceLane;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.SeriesReference;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.WorkerFixtures;
import org.spagateway.inference.worker.sources.SourceFetchConfig;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.FreePorts;

/**
 * A worker that shares no folder with the edge: a real listener receives each study from dcmtk's storescu and
 * announces it with WADO-RS URLs and SHA-256 digests; the worker, on a real (embedded) broker, fetches the source over
 * HTTP from that listener's endpoint into its own cache. A source whose bytes do not match its reference is retried a
 * few times and dead-lettered with SOURCE_INTEGRITY; an edge that is down is waited for, and the round comes out once
 * it is back.
 */
class RemoteSourceIT {

    private static final EventCodec CODEC = new EventCodec();
    private static final String AE = "SPA_GATEWAY";
    private static final String PSEUDONYM_KEY = Base64.getEncoder().encodeToString(new SecureRandom()
            .generateSeed(32));
    /** Several times what two bounded attempts take with the fixture's 200 ms back-off. */
    private static final Duration OUTAGE = Duration.ofSeconds(3);

    @TempDir
    static Path data;
    private static WorkerOnBroker worker;
    private static Path cache;

    @BeforeAll
    static void startWorker() {
        Dcmtk.requireInstalled("storescu");
        cache = data.resolve("worker-cache");
        worker = WorkerOnBroker.start(data.resolve("worker"), new SourceFetchConfig(cache, 64L << 20,
                Duration.ofSeconds(2), Duration.ofSeconds(20), Optional.empty()));
    }

    @AfterAll
    static void stopWorker() throws Exception {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void fetchesItsSourceFromTheEdgeOverHttpVerifiesItAndRunsTheRound() throws Exception {
        Edge edge = Edge.start(data.resolve("edge-1"), FreePorts.findFreeLoopbackPort());
        try (DicomListener listener = edge.listener) {
            StudyReceived study = edge.receive(51);
            InstanceReference source = study.series().get(0).instances().get(0);
            assertThat(source.location()).startsWith("http://127.0.0.1:" + edge.wadoPort + "/dicom-web/studies/");
            assertThat(source.sha256()).matches("[0-9a-f]{64}");

            send(request(study, source));

            CandidatesReady ready = await().atMost(Duration.ofSeconds(120))
                    .until(() -> round(study.studyInstanceUid()), r -> r != null);
            assertThat(ready.sources()).containsExactly(source);
            Path copy = cache.resolve(source.sha256() + ".dcm");
            assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(edge.storedFile(source)));
            assertThat(deadLetters(study.studyInstanceUid())).isEmpty();
        }
    }

    @Test
    void aSourceWhoseBytesDoNotMatchItsDigestIsRetriedThenDeadLetteredAsSourceIntegrity() throws Exception {
        Edge edge = Edge.start(data.resolve("edge-2"), FreePorts.findFreeLoopbackPort());
        try (DicomListener listener = edge.listener) {
            StudyReceived study = edge.receive(52);
            InstanceReference served = study.series().get(0).instances().get(0);
            InstanceReference claimed = new InstanceReference(served.sopInstanceUid(), served.sopClassUid(),
                    served.transferSyntaxUid(), served.location(), served.sizeBytes(),
                    new StringBuilder(served.sha256()).reverse().toString());

            send(request(study, claimed));

            ConsumerRecord<String, byte[]> letter = await().atMost(Duration.ofSeconds(60))
                    .until(() -> deadLetters(study.studyInstanceUid()), letters -> !letters.isEmpty()).get(0);
            assertThat(header(letter, DeadLetterHeaders.REASON_CODE)).isEqualTo("SOURCE_INTEGRITY");
            assertThat(header(letter, DeadLetterHeaders.REASON)).doesNotContain(study.studyInstanceUid());
            assertThat(round(study.studyInstanceUid())).isNull();
            try (Stream<Path> files = Files.list(cache)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .noneMatch(name -> name.endsWith(".part") || name.startsWith(claimed.sha256()));
            }
        }
    }

    @Test
    void anEdgeThatIsDownIsWaitedForAndTheRoundComesOutOnceItIsBack() throws Exception {
        Path edgeRoot = data.resolve("edge-3");
        int wadoPort = FreePorts.findFreeLoopbackPort();
        Edge edge = Edge.start(edgeRoot, wadoPort);
        StudyReceived study;
        try (DicomListener listener = edge.listener) {
            study = edge.receive(53);
        }
        InstanceReference source = study.series().get(0).instances().get(0);

        send(request(study, source));
        await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30)).untilAsserted(() -> {
            assertThat(deadLetters(study.studyInstanceUid())).as("dead letters while the edge is down").isEmpty();
            assertThat(round(study.studyInstanceUid())).as("rounds while the edge is down").isNull();
        });

        try (DicomListener restarted = Edge.start(edgeRoot, wadoPort).listener) {
            CandidatesReady ready = await().atMost(Duration.ofSeconds(120))
                    .until(() -> round(study.studyInstanceUid()), r -> r != null);
            assertThat(ready.sources()).containsExactly(source);
            assertThat(deadLetters(study.studyInstanceUid())).isEmpty();
        }
    }

    private static void send(EventEnvelope<InferenceRequested> request) throws Exception {
        worker.producer.send(new ProducerRecord<>(Topic.INFERENCE_REQUESTED.name(), request.subject(),
                CODEC.encodeBytes(request))).get();
    }

    /** The InferenceRequested the router makes of a fundus study: its one instance, as the edge announced it. */
    private static EventEnvelope<InferenceRequested> request(StudyReceived study, InstanceReference source) {
        SeriesReference series = study.series().get(0);
        InferenceRequested data = new InferenceRequested("req-" + study.studyInstanceUid().hashCode(),
                study.studyInstanceUid(), study.version(), WorkerConfig.FUNDUS_OPTIC_CUP, "fundus",
                InferenceLane.NEW_STUDY, series.seriesInstanceUid(), "OP", List.of(source), study.patientPseudonym());
        return EventEnvelope.withId("evt-" + study.studyInstanceUid().hashCode(), EventType.INFERENCE_REQUESTED,
                "/spa-gateway/routes/inference-router", study.studyInstanceUid(), "corr-remote-source",
                WorkerFixtures.REQUESTED_AT, data);
    }

    private static CandidatesReady round(String studyUid) {
        return worker.seen(Topic.CANDIDATES_READY.name()).stream()
                .map(r -> CODEC.<CandidatesReady>decode(new String(r.value(), StandardCharsets.UTF_8),
                        EventType.CANDIDATES_READY).data())
                .filter(ready -> ready.studyInstanceUid().equals(studyUid)).findFirst().orElse(null);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String studyUid) {
        return worker.seen(Topic.DEAD_LETTER.name()).stream().filter(r -> studyUid.equals(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** A real listener with its WADO-RS endpoint on loopback, announcing its URLs. */
    private static final class Edge {
        final DicomListener listener;
        final int wadoPort;
        final Path storage;
        final List<EventEnvelope<StudyReceived>> events = new CopyOnWriteArrayList<>();

        private Edge(Path root, int wadoPort) {
            this.wadoPort = wadoPort;
            this.storage = root.resolve("dicom");
            this.listener = new DicomListener(ListenerConfig.from(ConfigSource.of(Map.of(
                    "spa.listener.ae-title", AE,
                    "spa.listener.port", "0",
                    "spa.listener.storage-root", storage.toString(),
                    "spa.listener.calling-aes", "STORESCU@127.0.0.1",
                    "spa.listener.completeness.expected-count.modality.OP", "1",
                    "spa.listener.pseudonym-key", PSEUDONYM_KEY,
                    WadoConfig.ENABLED, "true",
                    WadoConfig.PORT, Integer.toString(wadoPort),
                    WadoConfig.PUBLIC_BASE_URL, "http://127.0.0.1:" + wadoPort))), events::add, Clock.systemUTC());
        }

        static Edge start(Path root, int wadoPort) throws Exception {
            Edge edge = new Edge(root, wadoPort);
            edge.listener.start();
            return edge;
        }

        StudyReceived receive(long seed) throws Exception {
            List<Path> files = WorkerFixtures.fundusStudy(seed, storage.resolveSibling("sent-" + seed)).files();
            Dcmtk.Result sent = Dcmtk.storescu("STORESCU", AE, "127.0.0.1", listener.port(), files);
            assertThat(sent.succeeded()).as(sent.output()).isTrue();
            await().atMost(Duration.ofSeconds(15)).until(() -> events.size() == 1);
            return events.get(0).data();
        }

        Path storedFile(InstanceReference reference) throws Exception {
            try (Stream<Path> files = Files.walk(storage)) {
                return files.filter(p -> p.getFileName().toString().equals(reference.sopInstanceUid() + ".dcm"))
                        .findFirst().orElseThrow();
            }
        }
    }
}
