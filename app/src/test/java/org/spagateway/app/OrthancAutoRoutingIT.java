package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.OrthancProcess;

/** A real PACS (Orthanc) auto-routes what it stores to the gateway, as a hospital routing rule would. */
class OrthancAutoRoutingIT {

    @TempDir
    Path work;

    @Test
    void studyUploadedToOrthancIsAutoRoutedToTheListenerAndReachesKafka() throws Exception {
        GeneratedStudy study = new SyntheticStudyGenerator()
                .generate(StudySpec.of(DemoTask.FUNDUS, 1, 7).withSize(128), work.resolve("sent"));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();

        try (AllInOneGateway gateway = AllInOneGateway.start(AllInOneGatewayIT.testConfig(work));
             EventTail tail = new EventTail(gateway.bootstrapServers(), List.of(Topic.STUDY_RECEIVED));
             OrthancProcess orthanc = OrthancProcess.start(work.resolve("orthanc"), "ORTHANC",
                     new OrthancProcess.Destination(gateway.dicomAeTitle(), "127.0.0.1", gateway.dicomPort()))) {
            orthanc.upload(study.files().get(0));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                records.addAll(tail.poll(Duration.ofMillis(200)));
                assertThat(records).anyMatch(r -> study.studyInstanceUid().equals(r.key()));
            });
        }

        StudyReceived received = new EventCodec().<StudyReceived>decode(records.stream()
                .filter(r -> study.studyInstanceUid().equals(r.key())).findFirst().orElseThrow().value(),
                EventType.STUDY_RECEIVED).data();
        assertThat(received.callingAeTitle()).isEqualTo("ORTHANC");
        assertThat(received.modalities()).containsExactly("OP");
        assertThat(received.instanceCount()).isEqualTo(1);
        assertThat(received.series().get(0).instances().get(0).sopInstanceUid())
                .isEqualTo(study.files().get(0).getFileName().toString().replace(".dcm", ""));
    }
}
