package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
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
import org.spagateway.test.harness.FreePorts;
import org.spagateway.test.harness.OrthancProcess;

/**
 * The whole loop with a real PACS: a study uploaded to Orthanc is auto-routed to the listener, routed to the
 * optic-cup task, a round runs in the worker, the seg-export route C-STOREs the SEG back to Orthanc, where it
 * joins the source's study: exactly once, even when the InferenceRequested is delivered a second time. The SEG
 * that Orthanc auto-routes back to the listener is not routed to inference (no export loop).
 */
class SegmentationInOrthancIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = new EventCodec();
    private static final Duration WAIT = Duration.ofSeconds(90);

    /** Kept when the test fails: Orthanc's log and storage are what explains a failure. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void roundSegLandsInTheSourceStudyInOrthancExactlyOnceEvenWhenTheRequestIsRedelivered() throws Exception {
        GeneratedStudy study = new SyntheticStudyGenerator()
                // 64 x 64 keeps the SEG's data set (about 10 KB) under 16 KB: dicom-sender's StoreScu sends a data set
                // as one P-DATA PDU and Orthanc (maximum PDU 16384) aborts larger ones; see docs/worker.md.
                .generate(StudySpec.of(DemoTask.FUNDUS, 1, 11).withSize(256), work.resolve("sent"));
        String studyUid = study.studyInstanceUid();
        int listenerPort = FreePorts.find();
        List<ConsumerRecord<String, String>> records = new ArrayList<>();

        try (OrthancProcess orthanc = OrthancProcess.start(work.resolve("orthanc"), "ORTHANC",
                     new OrthancProcess.Destination("SPA_GATEWAY", "127.0.0.1", listenerPort));
             AllInOneGateway gateway = AllInOneGateway.start(config(listenerPort, orthanc.dicomPort()));
             EventTail tail = new EventTail(gateway.bootstrapServers(), List.of(Topic.INFERENCE_REQUESTED,
                     Topic.CANDIDATES_READY, Topic.SEGMENTATION_EXPORTED, Topic.STUDY_NOT_ROUTED));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                     gateway.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
            orthanc.upload(study.files().get(0));

            await().atMost(WAIT).untilAsserted(() -> {
                records.addAll(tail.poll(Duration.ofMillis(200)));
                assertThat(count(records, Topic.SEGMENTATION_EXPORTED)).isEqualTo(1);
            });
            CandidatesReady ready = CODEC.<CandidatesReady>decode(only(records, Topic.CANDIDATES_READY).value(),
                    EventType.CANDIDATES_READY).data();
            assertThat(instancesOf(orthanc, studyUid)).containsExactlyInAnyOrder(
                    study.files().get(0).getFileName().toString().replace(".dcm", ""),
                    ready.segmentation().sopInstanceUid());

            ConsumerRecord<String, String> request = only(records, Topic.INFERENCE_REQUESTED);
            producer.send(new ProducerRecord<>(Topic.INFERENCE_REQUESTED.name(), request.key(), request.value()))
                    .get();
            await().atMost(WAIT).untilAsserted(() -> {
                records.addAll(tail.poll(Duration.ofMillis(200)));
                assertThat(count(records, Topic.SEGMENTATION_EXPORTED)).isEqualTo(2);
                assertThat(records).anyMatch(r -> r.topic().equals(Topic.STUDY_NOT_ROUTED.name())
                        && r.value().contains("DERIVED_OBJECT"));
            });
            List<String> ids = records.stream().filter(r -> r.topic().equals(Topic.CANDIDATES_READY.name()))
                    .map(r -> CODEC.decode(r.value(), EventType.CANDIDATES_READY).eventId()).distinct().toList();
            assertThat(ids).as("a redelivered request publishes the same event id").hasSize(1);
            assertThat(instancesOf(orthanc, studyUid)).hasSize(2).contains(ready.segmentation().sopInstanceUid());
            assertThat(records.stream().filter(r -> r.topic().equals(Topic.INFERENCE_REQUESTED.name()))
                    .map(ConsumerRecord::value).toList())
                    .as("the SEG coming back never triggers inference: only the request and its copy")
                    .containsExactly(request.value(), request.value());
        }
    }

    private ConfigSource config(int listenerPort, int orthancDicomPort) throws Exception {
        return AllInOneGatewayIT.testConfig(work).with(Map.of(
                "spa.listener.port", String.valueOf(listenerPort),
                "spa.listener.completeness.quiet-period", "2s",
                "spa.export.destinations", "pacs",
                "spa.export.destination.pacs.ae-title", "ORTHANC",
                "spa.export.destination.pacs.host", "127.0.0.1",
                "spa.export.destination.pacs.port", String.valueOf(orthancDicomPort)));
    }

    /** SOP Instance UIDs Orthanc holds in the study, read through its REST API. */
    private static List<String> instancesOf(OrthancProcess orthanc, String studyUid) throws Exception {
        List<String> uids = new ArrayList<>();
        for (JsonNode studyNode : JSON.readTree(orthanc.get("/studies?expand"))) {
            if (studyUid.equals(studyNode.path("MainDicomTags").path("StudyInstanceUID").asText())) {
                for (JsonNode instance : JSON.readTree(orthanc.get("/studies/" + studyNode.path("ID").asText()
                        + "/instances"))) {
                    uids.add(instance.path("MainDicomTags").path("SOPInstanceUID").asText());
                }
            }
        }
        return uids;
    }

    private static long count(List<ConsumerRecord<String, String>> records, Topic topic) {
        return records.stream().filter(r -> r.topic().equals(topic.name())).count();
    }

    private static ConsumerRecord<String, String> only(List<ConsumerRecord<String, String>> records, Topic topic) {
        List<ConsumerRecord<String, String>> matching = records.stream()
                .filter(r -> r.topic().equals(topic.name())).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
