package org.spagateway.inference.worker.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChosenCandidate;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.Topic;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.spa.model.SessionState;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.spa.model.SpaSession;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.RoundRecord;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.sessions.SessionView;
import org.spagateway.test.harness.Dciodvfy;
import org.spagateway.inference.worker.SegAttributes;
import org.spagateway.inference.worker.SessionRequests;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.WorkerFixtures;
import org.spagateway.inference.worker.task.ServedTask;
import org.spagateway.inference.worker.task.ServedTasks;
import org.spagateway.test.harness.ExampleEvents;

/**
 * Next-round requests on the shipped optic-cup model, against a real ledger and real files: a chosen candidate, a
 * rejection of all, an approval, redelivery, a second worker without the cached image, and requests the ledger does
 * not back.
 */
class SessionContinuationTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:17:05Z"), ZoneOffset.UTC);
    private static final String INTERACTIVE = Topic.INFERENCE_INTERACTIVE.name();
    private static final Map<ServedTask, SpaPredictor> PREDICTORS = new HashMap<>();
    private static ServedTasks tasks;

    @TempDir
    Path directory;
    private SessionLedger ledger;
    private InferenceRequestHandler handler;
    private EventEnvelope<InferenceRequested> first;
    private CandidatesReady round1;

    @BeforeAll
    static void loadModel() {
        WorkerFixtures.requireModel(WorkerFixtures.fundusModel());
        tasks = ServedTasks.load(WorkerFixtures.config(
                Map.of(WorkerConfig.FUNDUS_OPTIC_CUP, WorkerFixtures.fundusModel()), Path.of("unused")));
    }

    @AfterAll
    static void closeModel() {
        PREDICTORS.values().forEach(SpaPredictor::close);
        if (tasks != null) {
            tasks.close();
        }
    }

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @BeforeEach
    void runRoundOne() throws Exception {
        ledger = SessionLedgerConfig.embedded(directory.resolve("sessions")).ledger();
        handler = handler();
        GeneratedStudy study = WorkerFixtures.fundusStudy(7, directory.resolve("study"));
        first = SessionRequests.forClinician(WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP),
                SessionRequests.RIVERA);
        List<OutboundRecord> records = handle(handler, Topic.INFERENCE_REQUESTED.name(), first);
        assertThat(records).singleElement().extracting(OutboundRecord::topic)
                .isEqualTo(Topic.CANDIDATES_READY.name());
        round1 = SessionRequests.<CandidatesReady>decode(records.get(0), EventType.CANDIDATES_READY).data();
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    private InferenceRequestHandler handler() {
        return InferenceRequestHandler.create(CODEC, tasks, ledger, PreferenceProfiles.NONE,
                directory.resolve("results"), 8, CLOCK, metrics);
    }

    private static List<OutboundRecord> handle(InferenceRequestHandler handler, String topic,
                                               EventEnvelope<InferenceRequested> request) throws Exception {
        return handler.handle(topic, request.subject(), CODEC.encodeBytes(request),
                task -> PREDICTORS.computeIfAbsent(task, t -> t.model().newPredictor()));
    }

    private List<OutboundRecord> decide(int round, ChoiceDecision decision, Integer rank) throws Exception {
        ChoiceRecord choice = SessionRequests.claim(ledger, round1.sessionId(), round, decision, rank,
                SessionRequests.RIVERA);
        return handle(handler, INTERACTIVE, SessionRequests.continuation(first, round1.sessionId(), choice));
    }

    private Path sessionDirectory() {
        return SegAttributes.file(round1.segmentation()).getParent();
    }

    @Test
    void theFirstRoundOpensTheSessionInTheLedgerBeforeItsCandidatesAreAnnounced() throws Exception {
        SessionView view = ledger.find(round1.sessionId()).orElseThrow();

        assertThat(view.session().requestId()).isEqualTo(first.data().requestId());
        assertThat(view.session().correlationId()).isEqualTo("corr-1");
        assertThat(view.session().clinician()).isEqualTo(SessionRequests.RIVERA);
        assertThat(view.session().profileVersion()).isNull();
        assertThat(view.session().source()).isEqualTo(round1.sources().get(0));
        assertThat(view.session().instances()).isEqualTo(first.data().instances());
        assertThat(view.session().model()).isEqualTo(round1.model());
        assertThat(Path.of(view.session().segmentationDirectory())).isEqualTo(sessionDirectory());
        assertThat(view.rounds()).containsExactly(new RoundRecord(1, first.data().requestId(), 4,
                round1.segmentation(), SessionIds.candidatesReadyEventId(round1.sessionId(), 1)));
    }

    @Test
    void aChosenCandidateRunsTheNextRoundAsASemiautomaticSegAndLogsTheChoice() throws Exception {
        SessionState before = new SessionStateStore(ledger.artifacts()).load(round1.sessionId(), 1);

        List<OutboundRecord> records = decide(1, ChoiceDecision.CANDIDATE, 2);

        assertThat(records).extracting(OutboundRecord::topic)
                .containsExactly(Topic.CHOICE_APPLIED.name(), Topic.CANDIDATES_READY.name());
        records.forEach(r -> assertThat(CODEC.validate(new String(r.value(), StandardCharsets.UTF_8),
                r.topic().equals(Topic.CHOICE_APPLIED.name()) ? EventType.CHOICE_APPLIED
                        : EventType.CANDIDATES_READY)).isEmpty());
        ChoiceApplied applied = SessionRequests.<ChoiceApplied>decode(records.get(0), EventType.CHOICE_APPLIED)
                .data();
        assertThat(records.get(0).key()).isEqualTo("dr-rivera");
        assertThat(applied.decision()).isEqualTo(ChoiceDecision.CANDIDATE);
        assertThat(applied.candidate()).isEqualTo(new ChosenCandidate(2, 3));
        assertThat(applied.round()).isEqualTo(1);
        assertThat(applied.nextRound()).isEqualTo(2);
        assertThat(applied.requestId()).isEqualTo(first.data().requestId());
        assertThat(applied.shownSegmentation()).isEqualTo(round1.segmentation());
        assertThat(applied.piEstimate()).isEqualTo(ChoiceAppliedMapper.weights(before.choices().get(1).piEstimate()));

        EventEnvelope<CandidatesReady> ready = SessionRequests.decode(records.get(1), EventType.CANDIDATES_READY);
        assertThat(records.get(1).key()).isEqualTo(round1.sessionId());
        assertThat(ready.data().round()).isEqualTo(2);
        assertThat(ready.data().requestId()).isEqualTo(
                SessionIds.continuationRequestId(round1.sessionId(), 1));
        assertThat(ready.data().segmentation().seriesInstanceUid())
                .isEqualTo(round1.segmentation().seriesInstanceUid());
        assertThat(ready.data().segmentation().sopInstanceUid())
                .isNotEqualTo(round1.segmentation().sopInstanceUid());
        SegAttributes seg = SegAttributes.read(ready.data().segmentation());
        assertThat(seg.perSegment("SegmentAlgorithmType")).hasSize(5).containsOnly("SEMIAUTOMATIC");
        assertThat(seg.text("InstanceNumber")).isEqualTo("2");
        assertThat(SegAttributes.read(round1.segmentation()).perSegment("SegmentAlgorithmType"))
                .containsOnly("AUTOMATIC");

        SessionState after = new SessionStateStore(ledger.artifacts()).load(round1.sessionId(), 2);
        assertThat(after.clicks()).hasSize(2);
        assertThat(after.chosen()).containsExactly(1);
        assertThat(ledger.find(round1.sessionId()).orElseThrow().round(2)).hasValueSatisfying(round -> {
            assertThat(round.segmentation()).isEqualTo(ready.data().segmentation());
            assertThat(round.candidatesReadyEventId()).isEqualTo(ready.eventId());
        });
    }

    @Test
    void rejectingAllRunsTheNextRoundWithoutAClickAndWithoutAPiEstimate() throws Exception {
        List<OutboundRecord> records = decide(1, ChoiceDecision.REJECT_ALL, null);

        ChoiceApplied applied = SessionRequests.<ChoiceApplied>decode(records.get(0), EventType.CHOICE_APPLIED)
                .data();
        assertThat(applied.decision()).isEqualTo(ChoiceDecision.REJECT_ALL);
        assertThat(applied.piEstimate()).isNull();
        assertThat(applied.candidate()).isNull();
        assertThat(applied.nextRound()).isEqualTo(2);
        CandidatesReady ready = SessionRequests.<CandidatesReady>decode(records.get(1), EventType.CANDIDATES_READY)
                .data();
        assertThat(SegAttributes.read(ready.segmentation()).perSegment("SegmentAlgorithmType"))
                .containsOnly("SEMIAUTOMATIC");
        SessionState after = new SessionStateStore(ledger.artifacts()).load(round1.sessionId(), 2);
        assertThat(after.clicks()).hasSize(1);
        assertThat(after.chosen()).containsExactly(SpaSession.REJECTED_ALL);
    }

    @Test
    void approvingWritesTheRecommendedMaskAsTheFinalSegAndClosesTheSession() throws Exception {
        List<OutboundRecord> toRound2 = decide(1, ChoiceDecision.CANDIDATE, 1);
        CandidatesReady round2 = SessionRequests.<CandidatesReady>decode(toRound2.get(1),
                EventType.CANDIDATES_READY).data();
        SessionState state2 = new SessionStateStore(ledger.artifacts()).load(round1.sessionId(), 2);

        List<OutboundRecord> records = decide(2, ChoiceDecision.APPROVE, null);

        assertThat(records).extracting(OutboundRecord::topic)
                .containsExactly(Topic.CHOICE_APPLIED.name(), Topic.SESSION_APPROVED.name());
        assertThat(records).extracting(OutboundRecord::key).containsExactly("dr-rivera", round1.sessionId());
        assertThat(metrics.get(RoundMetrics.APPROVED).tag("task", WorkerConfig.FUNDUS_OPTIC_CUP).counter().count())
                .isEqualTo(1.0);
        assertThat(metrics.get(RoundMetrics.ROUNDS).tags("task", WorkerConfig.FUNDUS_OPTIC_CUP, "round", "first")
                .timer().count()).isEqualTo(1);
        assertThat(metrics.get(RoundMetrics.ROUNDS).tags("task", WorkerConfig.FUNDUS_OPTIC_CUP, "round", "next")
                .timer().count()).isEqualTo(1);
        assertThat(CODEC.validate(new String(records.get(1).value(), StandardCharsets.UTF_8),
                EventType.SESSION_APPROVED)).isEmpty();
        EventEnvelope<SessionApproved> approved = SessionRequests.decode(records.get(1), EventType.SESSION_APPROVED);
        assertThat(approved.eventId())
                .isEqualTo(SessionIds.sessionApprovedEventId(round1.sessionId()));
        assertThat(approved.data().round()).isEqualTo(2);
        assertThat(approved.data().approvedBy()).isEqualTo(SessionRequests.RIVERA);
        assertThat(approved.data().areaPixels()).isEqualTo(round2.recommended().areaPixels());
        assertThat(approved.data().sources()).isEqualTo(round1.sources());
        SegAttributes seg = SegAttributes.read(approved.data().segmentation());
        assertThat(seg.perSegment("SegmentLabel")).containsExactly("Approved segmentation");
        assertThat(seg.text("ContentCreatorName")).isEqualTo("Rivera^Ana^^Dr");
        assertThat(seg.text("ContentDate")).isEqualTo("20261127");

        ChoiceApplied applied = SessionRequests.<ChoiceApplied>decode(records.get(0), EventType.CHOICE_APPLIED)
                .data();
        assertThat(applied.decision()).isEqualTo(ChoiceDecision.APPROVE);
        assertThat(applied.round()).isEqualTo(2);
        assertThat(applied.nextRound()).isNull();
        assertThat(applied.shownSegmentation()).isEqualTo(round2.segmentation());
        assertThat(applied.approvedSegmentation()).isEqualTo(approved.data().segmentation());
        assertThat(applied.piEstimate()).isEqualTo(ChoiceAppliedMapper.weights(state2.approvalEstimate()));
        // The routed study's patient pseudonym goes with the session into every event about it.
        assertThat(List.of(round1.patientPseudonym(), round2.patientPseudonym(), applied.patientPseudonym(),
                approved.data().patientPseudonym())).containsOnly(ExampleEvents.PATIENT_PSEUDONYM);

        Dciodvfy.ValidationReport report = new Dciodvfy().requireInstalled()
                .validate(SegAttributes.file(approved.data().segmentation()));
        assertThat(report.errors()).as(report.output()).isEmpty();
    }

    @Test
    void aClinicianWithoutAPersonNameIsNamedByIdInTheFinalSeg() throws Exception {
        ChoiceRecord choice = SessionRequests.claim(ledger, round1.sessionId(), 1, ChoiceDecision.APPROVE, null,
                SessionRequests.OKAFOR);

        List<OutboundRecord> records = handle(handler, INTERACTIVE,
                SessionRequests.continuation(first, round1.sessionId(), choice));

        SessionApproved approved = SessionRequests.<SessionApproved>decode(records.get(1),
                EventType.SESSION_APPROVED).data();
        assertThat(SegAttributes.read(approved.segmentation()).text("ContentCreatorName")).isEqualTo("dr-okafor");
        assertThat(records.get(0).key()).isEqualTo("dr-okafor");
    }

    @Test
    void aRedeliveredContinuationRepeatsTheSameEventIdsAndSegBytes() throws Exception {
        ChoiceRecord choice = SessionRequests.claim(ledger, round1.sessionId(), 1, ChoiceDecision.CANDIDATE, 3,
                SessionRequests.RIVERA);
        EventEnvelope<InferenceRequested> request = SessionRequests.continuation(first, round1.sessionId(), choice);

        List<OutboundRecord> once = handle(handler, INTERACTIVE, request);
        Path seg = SegAttributes.file(SessionRequests.<CandidatesReady>decode(once.get(1),
                EventType.CANDIDATES_READY).data().segmentation());
        byte[] firstBytes = Files.readAllBytes(seg);
        List<OutboundRecord> twice = handle(handler, INTERACTIVE, request);

        assertThat(ids(twice)).isEqualTo(ids(once));
        assertThat(Files.readAllBytes(seg)).isEqualTo(firstBytes);
        try (Stream<Path> files = Files.list(sessionDirectory())) {
            assertThat(files.filter(f -> f.toString().endsWith(".dcm")).count()).isEqualTo(2);
        }
    }

    @Test
    void aWorkerWithoutTheCachedImageReadsTheSourceAgainAndComputesTheSameRound() throws Exception {
        ChoiceRecord choice = SessionRequests.claim(ledger, round1.sessionId(), 1, ChoiceDecision.CANDIDATE, 2,
                SessionRequests.RIVERA);
        EventEnvelope<InferenceRequested> request = SessionRequests.continuation(first, round1.sessionId(), choice);
        CandidatesReady cached = SessionRequests.<CandidatesReady>decode(handle(handler, INTERACTIVE, request).get(1),
                EventType.CANDIDATES_READY).data();
        byte[] cachedBytes = Files.readAllBytes(SegAttributes.file(cached.segmentation()));

        CandidatesReady fresh = SessionRequests.<CandidatesReady>decode(handle(handler(), INTERACTIVE, request).get(1),
                EventType.CANDIDATES_READY).data();

        assertThat(fresh.candidates()).isEqualTo(cached.candidates());
        assertThat(Files.readAllBytes(SegAttributes.file(fresh.segmentation()))).isEqualTo(cachedBytes);
    }

    @Test
    void requestsTheLedgerDoesNotBackAreDeadLettered() throws Exception {
        ChoiceRecord unclaimed = new ChoiceRecord("never-claimed", 1, ChoiceDecision.CANDIDATE, 1,
                SessionRequests.RIVERA, SessionRequests.DECIDED_AT, "corr-1");
        assertThat(reasonCode(handle(handler, INTERACTIVE,
                SessionRequests.continuation(first, round1.sessionId(), unclaimed))))
                .isEqualTo("CONTINUATION_NOT_RECORDED");
        assertThat(reasonCode(handle(handler, INTERACTIVE,
                SessionRequests.continuation(first, "spa-00000000-0000-3000-8000-000000000000", unclaimed))))
                .isEqualTo("UNKNOWN_SESSION");

        ChoiceRecord recorded = SessionRequests.claim(ledger, round1.sessionId(), 1, ChoiceDecision.CANDIDATE, 1,
                SessionRequests.RIVERA);
        ChoiceRecord otherRank = new ChoiceRecord(recorded.choiceEventId(), 1, ChoiceDecision.CANDIDATE, 4,
                SessionRequests.RIVERA, SessionRequests.DECIDED_AT, "corr-1");
        assertThat(reasonCode(handle(handler, INTERACTIVE,
                SessionRequests.continuation(first, round1.sessionId(), otherRank))))
                .isEqualTo("CONTINUATION_NOT_RECORDED");
        ChoiceRecord nextRound = new ChoiceRecord("choice-2", 2, ChoiceDecision.CANDIDATE, 1,
                SessionRequests.RIVERA, SessionRequests.DECIDED_AT, "corr-1");
        assertThat(reasonCode(handle(handler, INTERACTIVE,
                SessionRequests.continuation(first, round1.sessionId(), nextRound))))
                .isEqualTo("CONTINUATION_NOT_RECORDED");
    }

    @Test
    void aWorkerOnAnotherHostServesTheNextRoundFromTheStateInTheDatabaseWithoutTheFirstWorkersFolder()
            throws Exception {
        ChoiceRecord choice = SessionRequests.claim(ledger, round1.sessionId(), 1, ChoiceDecision.CANDIDATE, 2,
                SessionRequests.RIVERA);
        SessionState before = new SessionStateStore(ledger.artifacts()).load(round1.sessionId(), 1);
        deleteRecursively(directory.resolve("results"));
        Path otherHost = directory.resolve("other-host");
        try (SessionLedger otherPool = SessionLedgerConfig.embedded(directory.resolve("sessions")).ledger()) {
            InferenceRequestHandler other = InferenceRequestHandler.create(CODEC, tasks, otherPool,
                    PreferenceProfiles.NONE, otherHost, 8, CLOCK, metrics);

            List<OutboundRecord> records = handle(other, INTERACTIVE,
                    SessionRequests.continuation(first, round1.sessionId(), choice));

            CandidatesReady round2 = SessionRequests.<CandidatesReady>decode(records.get(1),
                    EventType.CANDIDATES_READY).data();
            assertThat(round2.round()).isEqualTo(2);
            assertThat(SegAttributes.file(round2.segmentation())).startsWith(otherHost).exists();
            assertThat(otherPool.artifacts().segmentation(round2.segmentation().sopInstanceUid()))
                    .hasValue(Files.readAllBytes(SegAttributes.file(round2.segmentation())));
            SessionState after = new SessionStateStore(ledger.artifacts()).load(round1.sessionId(), 2);
            assertThat(after.round()).isEqualTo(2);
            assertThat(after.clicks()).hasSize(before.clicks().size() + 1);
        }
        assertThat(directory.resolve("results")).as("nothing of the first worker's folder was needed")
                .doesNotExist();
    }

    @Test
    void aRoundWhoseStateIsNotStoredOrUnreadableIsRefusedAsRoundStateMissing() throws Exception {
        execute("UPDATE ledger_round_state SET state = '{\"formatVersion\":' WHERE session_id = ?");
        assertThat(reasonCode(decide(1, ChoiceDecision.CANDIDATE, 2))).isEqualTo("ROUND_STATE_MISSING");

        execute("DELETE FROM ledger_round_state WHERE session_id = ?");
        assertThat(reasonCode(handle(handler, INTERACTIVE, SessionRequests.continuation(first, round1.sessionId(),
                ledger.find(round1.sessionId()).orElseThrow().choices().get(1))))).isEqualTo("ROUND_STATE_MISSING");
    }

    private void execute(String sql) throws Exception {
        SessionLedgerConfig config = SessionLedgerConfig.embedded(directory.resolve("sessions"));
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(config.jdbcUrl(),
                config.username(), config.password());
             java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, round1.sessionId());
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    private static void deleteRecursively(Path folder) throws Exception {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static List<String> ids(List<OutboundRecord> records) {
        return records.stream().map(r -> SessionRequests.decode(r.value(), r.topic().equals(
                Topic.CHOICE_APPLIED.name()) ? EventType.CHOICE_APPLIED : EventType.CANDIDATES_READY).eventId())
                .toList();
    }

    private static String reasonCode(List<OutboundRecord> records) {
        assertThat(records).singleElement().extracting(OutboundRecord::topic).isEqualTo(Topic.DEAD_LETTER.name());
        return records.get(0).headers().get(DeadLetterHeaders.REASON_CODE);
    }
}
