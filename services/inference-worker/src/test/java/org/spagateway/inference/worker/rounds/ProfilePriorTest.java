package org.spagateway.inference.worker.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.ProfileUpdated;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.spa.model.SessionState;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.inference.worker.SegAttributes;
import org.spagateway.inference.worker.SessionRequests;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.WorkerFixtures;
import org.spagateway.inference.worker.task.ServedTask;
import org.spagateway.inference.worker.task.ServedTasks;

/** A first round for a named clinician starts from their preference profile, and keeps it across redeliveries. */
class ProfilePriorTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:15:33Z"), ZoneOffset.UTC);
    private static final Map<ServedTask, SpaPredictor> PREDICTORS = new HashMap<>();
    private static ServedTasks tasks;
    private static String modelVersion;

    @TempDir
    Path directory;
    private final Map<String, ProfileUpdated> profiles = new ConcurrentHashMap<>();
    private SessionLedger ledger;
    private InferenceRequestHandler handler;
    private EventEnvelope<InferenceRequested> request;

    @BeforeAll
    static void loadModel() {
        WorkerFixtures.requireModel(WorkerFixtures.fundusModel());
        tasks = ServedTasks.load(WorkerFixtures.config(
                Map.of(WorkerConfig.FUNDUS_OPTIC_CUP, WorkerFixtures.fundusModel()), Path.of("unused")));
        modelVersion = tasks.find(WorkerConfig.FUNDUS_OPTIC_CUP).orElseThrow().model().version();
    }

    @AfterAll
    static void closeModel() {
        PREDICTORS.values().forEach(SpaPredictor::close);
        if (tasks != null) {
            tasks.close();
        }
    }

    @BeforeEach
    void createHandler() throws Exception {
        ledger = SessionLedgerConfig.embedded(directory.resolve("sessions")).ledger();
        handler = InferenceRequestHandler.create(CODEC, tasks, ledger,
                (clinicianId, task) -> Optional.ofNullable(profiles.get(clinicianId + "|" + task)),
                directory.resolve("results"), 8, CLOCK, new SimpleMeterRegistry());
        request = SessionRequests.forClinician(WorkerFixtures.request(
                WorkerFixtures.fundusStudy(11, directory.resolve("study")), WorkerConfig.FUNDUS_OPTIC_CUP),
                SessionRequests.RIVERA);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    private void publish(long version, String forModel, int favourite) {
        List<Double> pi = new ArrayList<>();
        for (int m = 0; m < 16; m++) {
            pi.add(m == favourite ? 0.7 : 0.02);
        }
        profiles.put("dr-rivera|" + WorkerConfig.FUNDUS_OPTIC_CUP, new ProfileUpdated("dr-rivera",
                WorkerConfig.FUNDUS_OPTIC_CUP, forModel, version, pi, version, 0, "choice-" + version,
                "spa-earlier", 1, ChoiceDecision.CANDIDATE));
    }

    private CandidatesReady firstRound() throws Exception {
        List<OutboundRecord> records = handle(request);
        assertThat(records).singleElement().extracting(OutboundRecord::topic)
                .isEqualTo(Topic.CANDIDATES_READY.name());
        return SessionRequests.<CandidatesReady>decode(records.get(0), EventType.CANDIDATES_READY).data();
    }

    private List<OutboundRecord> handle(EventEnvelope<InferenceRequested> event) throws Exception {
        return handler.handle(Topic.INFERENCE_REQUESTED.name(), event.subject(), CODEC.encodeBytes(event),
                task -> PREDICTORS.computeIfAbsent(task, t -> t.model().newPredictor()));
    }

    private SessionState roundOneState(CandidatesReady ready) throws Exception {
        return new SessionStateStore(ledger.artifacts()).load(ready.sessionId(), 1);
    }

    @Test
    void aClinicianWithAProfileStartsFromItAndTheRoundSaysWhichVersion() throws Exception {
        publish(3, modelVersion, 5);

        CandidatesReady ready = firstRound();

        assertThat(ready.profileVersion()).isEqualTo(3);
        assertThat(ledger.find(ready.sessionId()).orElseThrow().session().profileVersion()).isEqualTo(3);
        float[] pi = roundOneState(ready).piInput();
        assertThat(pi[5]).isCloseTo(0.7f / 1.0f, Offset.offset(1e-6f));
    }

    @Test
    void aProfileLearntUnderAnotherModelVersionIsNotUsed() throws Exception {
        publish(3, "spa-optic-cup@000000000000", 5);

        CandidatesReady ready = firstRound();

        assertThat(ready.profileVersion()).isNull();
        assertThat(roundOneState(ready).piInput()[5]).isLessThan(0.5f);
    }

    @Test
    void aRedeliveredFirstRoundKeepsTheProfileItStartedFromAfterTheProfileMovedOn() throws Exception {
        publish(3, modelVersion, 5);
        CandidatesReady once = firstRound();
        byte[] seg = Files.readAllBytes(SegAttributes.file(once.segmentation()));

        publish(4, modelVersion, 9);
        CandidatesReady twice = firstRound();

        assertThat(twice.profileVersion()).isEqualTo(3);
        assertThat(twice.candidates()).isEqualTo(once.candidates());
        assertThat(Files.readAllBytes(SegAttributes.file(twice.segmentation()))).isEqualTo(seg);
    }

    @Test
    void laterRoundsCarryTheProfileVersionTheSessionStartedFrom() throws Exception {
        publish(3, modelVersion, 5);
        CandidatesReady first = firstRound();
        publish(4, modelVersion, 9);
        ChoiceRecord choice = SessionRequests.claim(ledger, first.sessionId(), 1, ChoiceDecision.CANDIDATE, 1,
                SessionRequests.RIVERA);

        List<OutboundRecord> records = handler.handle(Topic.INFERENCE_INTERACTIVE.name(), "key",
                CODEC.encodeBytes(SessionRequests.continuation(request, first.sessionId(), choice)),
                task -> PREDICTORS.computeIfAbsent(task, t -> t.model().newPredictor()));

        assertThat(SessionRequests.<CandidatesReady>decode(records.get(1), EventType.CANDIDATES_READY).data()
                .profileVersion()).isEqualTo(3);
    }
}
