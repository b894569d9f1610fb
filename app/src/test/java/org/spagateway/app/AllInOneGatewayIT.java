package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.CompletionReason;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.StudyReceived;
import org.spagateway.health.HealthReport;
import org.spagateway.events.Topic;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.Part10Dataset;

/**
 * The all-in-one default end to end: storescu -> listener -> Kafka -> router -> Kafka, the data sets stored as sent,
 * then a clean shutdown.
 */
class AllInOneGatewayIT {

    private final EventCodec codec = new EventCodec();

    @TempDir
    Path work;

    /** The trained models at the repository root (tests run from app/). */
    static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();

    static ConfigSource testConfig(Path work) throws Exception {
        return ConfigSource.of(SpaGatewayMain.builtInProfile()).with(Map.of(
                "spa.kafka.embedded.data-dir", work.resolve("kafka").toString(),
                "spa.kafka.embedded.port", "0",
                "spa.listener.port", "0",
                "spa.listener.storage-root", work.resolve("dicom").toString(),
                "spa.listener.completeness.quiet-period", "10m",
                "spa.worker.model.fundus-optic-cup", MODELS.resolve("spa-optic-cup.params").toString(),
                "spa.worker.model.ct-lung-nodule", MODELS.resolve("spa-nodule.params").toString(),
                "spa.worker.output-root", work.resolve("results").toString())).with(Map.of(
                "spa.sessions.root", work.resolve("sessions").toString(),
                "spa.profiles.state-dir", work.resolve("profiles").toString(),
                "spa.choices.port", "0",
                "spa.health.port", "0")).with(Map.of(
                // FHIR has its own IT (AllInOneFhirIT): the JPA server's start-up would slow every other one.
                AllInOneConfig.FHIR_EMBEDDED, "false",
                AllInOneConfig.FHIR_ADAPTER, "false"));
    }

    @Test
    void studyFromStorescuIsStoredAsSentReachesKafkaOnceIsRoutedAndTheGatewayStopsCleanly() throws Exception {
        Set<String> threadsBefore = GatewayThreads.nonDaemon();
        GeneratedStudy study = new SyntheticStudyGenerator()
                .generate(StudySpec.of(DemoTask.CT, 3, 42).withSize(128), work.resolve("sent"));

        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (AllInOneGateway gateway = AllInOneGateway.start(testConfig(work));
             EventTail tail = new EventTail(gateway.bootstrapServers(),
                     List.of(Topic.STUDY_RECEIVED, Topic.INFERENCE_REQUESTED, Topic.STUDY_NOT_ROUTED))) {
            Dcmtk.Result sent = Dcmtk.storescu("STORESCU", gateway.dicomAeTitle(), "127.0.0.1", gateway.dicomPort(),
                    study.files());
            assertThat(sent.succeeded()).as(sent.output()).isTrue();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                records.addAll(tail.poll(Duration.ofMillis(200)));
                assertThat(records).anyMatch(r -> r.topic().equals(Topic.INFERENCE_REQUESTED.name()));
            });
            records.addAll(tail.poll(Duration.ofSeconds(1)));
            HealthReport ready = gateway.health().readiness();
            assertThat(ready.up()).as(ready.toJson()).isTrue();
            assertThat(ready.checks()).containsKeys("camel.routes", "worker.consumer", "profiles.streams",
                    "ledger.writable", "listener.accepting");
        }

        List<ConsumerRecord<String, String>> received = records.stream()
                .filter(r -> r.topic().equals(Topic.STUDY_RECEIVED.name())).toList();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).key()).isEqualTo(study.studyInstanceUid());
        EventEnvelope<StudyReceived> event = codec.decode(received.get(0).value(), EventType.STUDY_RECEIVED);
        assertThat(event.data().studyInstanceUid()).isEqualTo(study.studyInstanceUid());
        assertThat(event.data().instanceCount()).isEqualTo(3);
        assertThat(event.data().completionReason()).isEqualTo(CompletionReason.EXPECTED_COUNT);
        assertThat(event.data().series()).singleElement().satisfies(series -> {
            assertThat(series.seriesInstanceUid()).isEqualTo(study.seriesInstanceUid());
            assertThat(series.instances()).extracting(InstanceReference::sopInstanceUid)
                    .containsExactlyInAnyOrderElementsOf(sopInstanceUids(study));
        });
        for (InstanceReference instance : event.data().series().get(0).instances()) {
            Path stored = Path.of(URI.create(instance.location()));
            Path sent = work.resolve("sent").resolve(instance.sopInstanceUid() + ".dcm");
            assertThat(stored).startsWith(work.resolve("dicom"));
            assertThat(Part10Dataset.of(stored)).as("data set stored as sent").isEqualTo(Part10Dataset.of(sent));
        }

        List<ConsumerRecord<String, String>> requests = records.stream()
                .filter(r -> r.topic().equals(Topic.INFERENCE_REQUESTED.name())).toList();
        assertThat(requests).hasSize(1);
        InferenceRequested request = codec.<InferenceRequested>decode(requests.get(0).value(),
                EventType.INFERENCE_REQUESTED).data();
        assertThat(request.task()).isEqualTo("ct-lung-nodule");
        assertThat(request.instances()).hasSize(3);
        assertThat(codec.decode(requests.get(0).value(), EventType.INFERENCE_REQUESTED).correlationId())
                .isEqualTo(event.correlationId());

        assertThat(GatewayThreads.nonDaemon()).as("threads left behind").isSubsetOf(threadsBefore);
    }

    private static List<String> sopInstanceUids(GeneratedStudy study) {
        return study.files().stream().map(f -> f.getFileName().toString().replace(".dcm", ""))
                .collect(Collectors.toList());
    }
}
