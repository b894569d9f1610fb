package org.spagateway.inference.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.Topic;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.WorkerFixtures;
import org.spagateway.study.generator.GeneratedStudy;

/**
 * The worker on a real (embedded) broker while the storage a request needs fails: the request is retried, never
 * dead-lettered, and its round comes out once the storage is back. The worker gives up on an engine failure after two
 * attempts 200 ms apart (the fixture's configuration); a storage failure outlasts that many times over.
 */
class StorageOutageIT {

    private static final EventCodec CODEC = new EventCodec();
    /** Fifteen times what two bounded attempts take with the fixture's 200 ms back-off. */
    private static final Duration OUTAGE = Duration.ofSeconds(3);

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
    void aRequestWhoseStorageFailsIsRetriedUntilTheStorageIsBackAndNeverDeadLettered() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(23, data.resolve("study"));
        // The study's folder under the output root is taken by a plain file: every write of the round fails with an
        // IOException, as on a full or read-only volume.
        Path blocked = Files.createDirectories(data.resolve("results")).resolve(study.studyInstanceUid());
        Files.writeString(blocked, "not a folder");
        worker.producer.send(new ProducerRecord<>(Topic.INFERENCE_REQUESTED.name(), study.studyInstanceUid(),
                CODEC.encodeBytes(WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP)))).get();

        await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30)).untilAsserted(() -> {
            assertThat(worker.seen(Topic.DEAD_LETTER.name())).as("dead letters during the outage").isEmpty();
            assertThat(worker.seen(Topic.CANDIDATES_READY.name())).as("rounds during the outage").isEmpty();
        });
        Files.delete(blocked);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(worker.seen(Topic.CANDIDATES_READY.name())).hasSize(1));
        CandidatesReady ready = CODEC.<CandidatesReady>decode(new String(
                worker.seen(Topic.CANDIDATES_READY.name()).get(0).value(), StandardCharsets.UTF_8),
                EventType.CANDIDATES_READY).data();
        assertThat(ready.studyInstanceUid()).isEqualTo(study.studyInstanceUid());
        assertThat(worker.seen(Topic.DEAD_LETTER.name())).isEmpty();
    }
}
