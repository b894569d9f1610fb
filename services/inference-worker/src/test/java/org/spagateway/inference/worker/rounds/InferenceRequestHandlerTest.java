package org.spagateway.inference.worker.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.index.NDIndex;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.CandidateSummary;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.Topic;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.spa.model.SessionState;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.test.harness.Dcentvfy;
import org.spagateway.test.harness.Dciodvfy;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.sources.SourceIntegrityException;
import org.spagateway.inference.worker.WorkerFixtures;
import org.spagateway.inference.worker.task.ServedTask;
import org.spagateway.inference.worker.task.ServedTasks;

class InferenceRequestHandlerTest {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceRequestHandlerTest.class);
    private static final EventCodec CODEC = new EventCodec();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:15:33Z"), ZoneOffset.UTC);
    private static final String REQUESTED = Topic.INFERENCE_REQUESTED.name();

    private static ServedTasks tasks;
    private static final Map<ServedTask, SpaPredictor> PREDICTORS = new HashMap<>();

    @TempDir
    Path directory;
    private final List<SessionLedger> ledgers = new ArrayList<>();

    @BeforeAll
    static void loadModel() {
        tasks = ServedTasks.load(WorkerFixtures.config(Map.of(
                WorkerConfig.FUNDUS_OPTIC_CUP, WorkerFixtures.requireModel(WorkerFixtures.fundusModel()),
                WorkerConfig.CT_LUNG_NODULE, WorkerFixtures.requireModel(WorkerFixtures.noduleModel())),
                Path.of("unused")));
    }

    @AfterAll
    static void closeModel() {
        PREDICTORS.values().forEach(SpaPredictor::close);
        if (tasks != null) {
            tasks.close();
        }
    }

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void closeLedgers() {
        ledgers.forEach(SessionLedger::close);
    }

    private InferenceRequestHandler handler(ServedTasks served, Path output) {
        SessionLedger ledger = SessionLedgerConfig.embedded(directory.resolve("sessions")).ledger();
        ledgers.add(ledger);
        return InferenceRequestHandler.create(CODEC, served, ledger, PreferenceProfiles.NONE, output, 8, CLOCK,
                metrics);
    }

    private static List<OutboundRecord> handle(InferenceRequestHandler handler, byte[] value) throws Exception {
        return handler.handle(REQUESTED, "key", value,
                task -> PREDICTORS.computeIfAbsent(task, t -> t.model().newPredictor()));
    }

    @Test
    void runsRoundOneAndStoresTheSegTheStateAndACandidatesReadyEvent() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(7, directory.resolve("study"));
        EventEnvelope<InferenceRequested> request = WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP);
        Path output = directory.resolve("results");

        long started = System.nanoTime();
        List<OutboundRecord> records = handle(handler(tasks, output), CODEC.encodeBytes(request));
        LOG.info("One fundus request took {} ms on this machine", (System.nanoTime() - started) / 1_000_000);

        assertThat(records).hasSize(1);
        OutboundRecord record = records.get(0);
        assertThat(record.topic()).isEqualTo(Topic.CANDIDATES_READY.name());
        Timer rounds = metrics.get(RoundMetrics.ROUNDS).tags("task", WorkerConfig.FUNDUS_OPTIC_CUP, "round", "first")
                .timer();
        assertThat(rounds.count()).isEqualTo(1);
        assertThat(rounds.totalTime(TimeUnit.NANOSECONDS)).isPositive()
                .isLessThanOrEqualTo((double) (System.nanoTime() - started));
        String json = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(CODEC.validate(json, EventType.CANDIDATES_READY)).isEmpty();
        EventEnvelope<CandidatesReady> event = CODEC.decode(json, EventType.CANDIDATES_READY);
        CandidatesReady ready = event.data();
        assertThat(record.key()).isEqualTo(ready.sessionId()).isEqualTo(event.subject());
        assertThat(event.correlationId()).isEqualTo("corr-1");
        assertThat(ready.round()).isEqualTo(1);
        assertThat(ready.studyInstanceUid()).isEqualTo(study.studyInstanceUid());
        assertThat(ready.model().name()).isEqualTo("spa-optic-cup");
        assertThat(ready.sampleCount()).isEqualTo(48);
        assertThat(ready.candidates()).hasSize(4)
                .extracting(CandidateSummary::segmentNumber).containsExactly(2, 3, 4, 5);
        assertThat(ready.candidates()).allSatisfy(c -> assertThat(c.areaPixels()).isPositive());
        assertThat(ready.candidates().get(0).pairwiseDice().get(0)).isEqualTo(1.0);
        assertThat(ready.recommended().areaPixels()).isBetween(100L, 40_000L);
        Path seg = Path.of(java.net.URI.create(ready.segmentation().location()));
        assertThat(seg).exists().hasParent(output.resolve(study.studyInstanceUid()).resolve(ready.sessionId()));
        SessionState state = new SessionStateStore(ledgers.get(0).artifacts()).load(ready.sessionId(), 1);
        assertThat(ledgers.get(0).artifacts().segmentation(ready.segmentation().sopInstanceUid()))
                .as("the SEG's bytes are in the ledger's database, as the export and the picker read them")
                .hasValue(java.nio.file.Files.readAllBytes(seg));
        assertThat(state.round()).isEqualTo(1);
        assertThat(state.choices()).hasSize(4);

        Dciodvfy.ValidationReport report = new Dciodvfy().requireInstalled().validate(seg);
        assertThat(report.errors()).as(report.output()).isEmpty();
        Dcentvfy.Result dcentvfy = Dcentvfy.run(study.files().get(0), seg);
        assertThat(dcentvfy.exitCode()).as(dcentvfy.output()).isZero();
        assertThat(dcentvfy.output()).as("SEG and source agree on patient, study and frame of reference")
                .doesNotContain("Error");
    }

    @Test
    void aRedeliveredRequestWritesTheSameSegBytesAndTheSameEventId() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(8, directory.resolve("study"));
        byte[] request = CODEC.encodeBytes(WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP));

        OutboundRecord first = handle(handler(tasks, directory.resolve("a")), request).get(0);
        OutboundRecord second = handle(handler(tasks, directory.resolve("b")), request).get(0);

        EventEnvelope<CandidatesReady> one = CODEC.decode(new String(first.value(), StandardCharsets.UTF_8),
                EventType.CANDIDATES_READY);
        EventEnvelope<CandidatesReady> two = CODEC.decode(new String(second.value(), StandardCharsets.UTF_8),
                EventType.CANDIDATES_READY);
        assertThat(two.eventId()).isEqualTo(one.eventId());
        assertThat(two.data().segmentation().sopInstanceUid()).isEqualTo(one.data().segmentation().sopInstanceUid());
        assertThat(two.data().candidates()).isEqualTo(one.data().candidates());
        assertThat(Files.readAllBytes(Path.of(java.net.URI.create(two.data().segmentation().location()))))
                .isEqualTo(Files.readAllBytes(Path.of(java.net.URI.create(one.data().segmentation().location()))));
    }

    @Test
    void deadLettersMalformedRequestsUnservedTasksAndMissingSources() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(9, directory.resolve("study"));
        InferenceRequestHandler handler = handler(tasks, directory.resolve("results"));

        assertThat(reasonCode(handle(handler, "{not json".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("MALFORMED_JSON");
        assertThat(reasonCode(handle(handler, CODEC.encodeBytes(WorkerFixtures.request(study, "mr-brain-tumour")))))
                .isEqualTo("TASK_NOT_SERVED");
        byte[] request = CODEC.encodeBytes(WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP));
        Files.delete(study.files().get(0));
        List<OutboundRecord> missing = handle(handler, request);
        assertThat(reasonCode(missing)).isEqualTo("SOURCE_MISSING");
        assertThat(missing.get(0).key()).isEqualTo("key");
        assertThat(missing.get(0).headers()).containsEntry(DeadLetterHeaders.SOURCE_TOPIC, REQUESTED);
    }

    @Test
    void segmentsAnRleCompressedSourceAndDeadLettersAJpegLsOneAsUnsupported() throws Exception {
        GeneratedStudy rle = compressed(WorkerFixtures.fundusStudy(11, directory.resolve("rle")), "dcmcrle");
        GeneratedStudy jpegLs = compressed(WorkerFixtures.fundusStudy(12, directory.resolve("jls")), "dcmcjpls");
        InferenceRequestHandler handler = handler(tasks, directory.resolve("results"));

        List<OutboundRecord> round = handle(handler,
                CODEC.encodeBytes(WorkerFixtures.request(rle, WorkerConfig.FUNDUS_OPTIC_CUP)));
        List<OutboundRecord> refused = handle(handler,
                CODEC.encodeBytes(WorkerFixtures.request(jpegLs, WorkerConfig.FUNDUS_OPTIC_CUP)));

        assertThat(round).singleElement().satisfies(r -> assertThat(r.topic())
                .isEqualTo(Topic.CANDIDATES_READY.name()));
        assertThat(reasonCode(refused)).isEqualTo("SOURCE_UNSUPPORTED");
    }

    /** The study with its one file compressed in place by a dcmtk tool ({@code dcmcrle}, {@code dcmcjpls}). */
    private static GeneratedStudy compressed(GeneratedStudy study, String tool) throws IOException {
        Dcmtk.requireInstalled(tool);
        Path file = study.files().get(0);
        Path compressed = file.resolveSibling("compressed.tmp");
        Dcmtk.Result result = Dcmtk.run(List.of(tool, file.toString(), compressed.toString()), Dcmtk.DEFAULT_TIMEOUT);
        assertThat(result.succeeded()).as(result.output()).isTrue();
        Files.move(compressed, file, StandardCopyOption.REPLACE_EXISTING);
        return study;
    }

    @Test
    void deadLettersARoundWhoseModelOutputIsNotFiniteNamingTheSessionAndRound() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(11, directory.resolve("study"));
        InferenceRequestHandler handler = handler(tasks, directory.resolve("results"));
        try (SpaModel broken = SpaModel.load(WorkerFixtures.fundusModel());
             SpaPredictor predictor = broken.newPredictor()) {
            broken.network().getParameters().get("06decoder_11head_bias").getArray()
                    .set(new NDIndex("0"), Float.NaN);

            List<OutboundRecord> records = handler.handle(REQUESTED, "key",
                    CODEC.encodeBytes(WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP)), task -> predictor);

            assertThat(reasonCode(records)).isEqualTo("MODEL_OUTPUT_INVALID");
            assertThat(records.get(0).headers().get(DeadLetterHeaders.REASON))
                    .containsPattern("round 1 of session spa-[0-9a-f-]+: the model's sample probability maps hold \\d+");
        }
    }

    @Test
    void aRequestWhoseStorageFailsIsRetriedWithoutLimitAndAnEngineFailureAFewTimes() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(12, directory.resolve("study"));
        byte[] request = CODEC.encodeBytes(WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP));
        Path notAFolder = Files.writeString(directory.resolve("results"), "a file where the output root should be");

        assertThatThrownBy(() -> handle(handler(tasks, notAFolder), request))
                .isInstanceOfSatisfying(RetriableInferenceException.class, e -> assertThat(e.bounded()).isFalse())
                .hasMessageContaining("storage failed");
        assertThatThrownBy(() -> handler(tasks, directory.resolve("other")).handle(REQUESTED, "key", request, task -> {
            throw new IllegalStateException("engine crashed");
        })).isInstanceOfSatisfying(RetriableInferenceException.class, e -> assertThat(e.bounded()).isTrue())
                .hasMessageContaining("engine crashed");
    }

    @Test
    void aSourceThatFailsItsIntegrityCheckIsRetriedAFewTimesThenDeadLetteredAsSourceIntegrity() throws Exception {
        byte[] request = CODEC.encodeBytes(WorkerFixtures.request(
                WorkerFixtures.fundusStudy(13, directory.resolve("study")), WorkerConfig.FUNDUS_OPTIC_CUP));
        RetriableInferenceException mismatch = RetriableInferenceException.sourceIntegrity("request r: mismatch",
                new SourceIntegrityException("the SHA-256 of the fetched source instance differs"));
        RetriableInferenceException engine = RetriableInferenceException.engineFailed("request r: crashed",
                new IllegalStateException("crashed"));

        assertThat(mismatch.bounded()).isTrue();
        assertThat(reasonCode(List.of(handler(tasks, directory.resolve("out")).giveUp(REQUESTED, "key", request,
                mismatch, 2)))).isEqualTo("SOURCE_INTEGRITY");
        assertThat(reasonCode(List.of(handler(tasks, directory.resolve("out")).giveUp(REQUESTED, "key", request,
                engine, 2)))).isEqualTo("INFERENCE_FAILED");
    }

    @Test
    void aLedgerDatabaseThatIsDownIsRetriedWithoutLimitNeverDeadLettered() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(13, directory.resolve("study"));
        byte[] request = CODEC.encodeBytes(WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP));
        Path notAFolder = Files.writeString(directory.resolve("ledger-host"), "a file where the database should be");
        SessionLedger down = SessionLedgerConfig.embedded(notAFolder).withConnectionTimeout(Duration.ofMillis(250))
                .ledger();
        ledgers.add(down);
        InferenceRequestHandler handler = InferenceRequestHandler.create(CODEC, tasks, down, PreferenceProfiles.NONE,
                directory.resolve("results"), 8, CLOCK, metrics);

        assertThatThrownBy(() -> handle(handler, request))
                .isInstanceOfSatisfying(RetriableInferenceException.class, e -> assertThat(e.bounded()).isFalse())
                .hasMessageContaining("storage failed").hasMessageContaining("session ledger");
    }

    @Test
    void segmentsOnlyTheCtSliceThroughTheNodule() throws Exception {
        assertThat(tasks.find(WorkerConfig.CT_LUNG_NODULE)).as("the nodule task is served").isPresent();
        GeneratedStudy study = WorkerFixtures.ctStudy(31, directory.resolve("ct"));

        List<OutboundRecord> records = handle(handler(tasks, directory.resolve("results")),
                CODEC.encodeBytes(WorkerFixtures.request(study, WorkerConfig.CT_LUNG_NODULE)));

        assertThat(records).hasSize(1);
        CandidatesReady ready = CODEC.<CandidatesReady>decode(new String(records.get(0).value(),
                StandardCharsets.UTF_8), EventType.CANDIDATES_READY).data();
        assertThat(ready.model().name()).isEqualTo("spa-nodule");
        assertThat(ready.sources()).singleElement().satisfies(source -> assertThat(source.location())
                .isEqualTo(study.files().get(1).toUri().toString()));
        assertThat(ready.recommended().areaPixels()).isPositive();
        Dciodvfy.ValidationReport report = new Dciodvfy().requireInstalled().validate(Path.of(java.net.URI.create(
                ready.segmentation().location())));
        assertThat(report.errors()).as(report.output()).isEmpty();
    }

    private static String reasonCode(List<OutboundRecord> records) {
        assertThat(records).hasSize(1);
        assertThat(records.get(0).topic()).isEqualTo(Topic.DEAD_LETTER.name());
        return records.get(0).headers().get(DeadLetterHeaders.REASON_CODE);
    }
}
