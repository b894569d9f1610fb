package org.spagateway.inference.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.Topic;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.WorkerFixtures;

/** The worker on a real (embedded) broker: a request in, one SEG and CandidatesReady out, offsets committed. */
class InferenceWorkerIT {

    private static final EventCodec CODEC = new EventCodec();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path data;

    private static WorkerOnBroker worker;

    @BeforeAll
    static void startBrokerAndWorker() {
        worker = WorkerOnBroker.start(data);
    }

    @AfterAll
    static void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void aRequestDeliveredTwiceYieldsOneSegAndTheSameEventIdAndCommitsItsOffset() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(21, data.resolve("study"));
        EventEnvelope<InferenceRequested> request = WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP);
        byte[] value = CODEC.encodeBytes(request);
        worker.producer.send(new ProducerRecord<>(Topic.INFERENCE_REQUESTED.name(), study.studyInstanceUid(), value)).get();
        worker.producer.send(new ProducerRecord<>(Topic.INFERENCE_REQUESTED.name(), study.studyInstanceUid(), value)).get();
        worker.producer.send(new ProducerRecord<>(Topic.INFERENCE_REQUESTED.name(), "bad",
                "{".getBytes(StandardCharsets.UTF_8))).get();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(worker.seen(Topic.CANDIDATES_READY.name())).hasSize(2);
            assertThat(worker.seen(Topic.DEAD_LETTER.name())).hasSize(1);
        });

        List<EventEnvelope<CandidatesReady>> events = worker.seen(Topic.CANDIDATES_READY.name()).stream()
                .map(r -> CODEC.<CandidatesReady>decode(new String(r.value(), StandardCharsets.UTF_8),
                        EventType.CANDIDATES_READY)).toList();
        assertThat(events.get(1).eventId()).isEqualTo(events.get(0).eventId());
        CandidatesReady ready = events.get(0).data();
        Path sessionDirectory = data.resolve("results").resolve(study.studyInstanceUid()).resolve(ready.sessionId());
        try (var files = Files.list(sessionDirectory)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("the round's state is in the ledger's database; the folder holds the worker's own SEG copy")
                    .containsExactly(ready.segmentation().sopInstanceUid() + ".dcm");
        }
        assertThat(new String(worker.seen(Topic.DEAD_LETTER.name()).get(0).headers()
                .lastHeader(DeadLetterHeaders.REASON_CODE).value(), StandardCharsets.UTF_8))
                .isEqualTo("MALFORMED_JSON");

        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers",
                worker.kafka.bootstrapServers()))) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(admin.listConsumerGroupOffsets("spa-inference-worker")
                    .partitionsToOffsetAndMetadata().get().values().stream().mapToLong(o -> o.offset()).sum())
                    .isEqualTo(3));
        }
    }
}
