package org.spagateway.inference.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.Clinician;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.ProfileUpdated;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.DeadLetterCounter;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.sessions.SessionView;
import org.spagateway.test.harness.Dcentvfy;
import org.spagateway.test.harness.Dciodvfy;
import org.spagateway.inference.worker.SegAttributes;
import org.spagateway.inference.worker.SessionRequests;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.WorkerFixtures;

/**
 * Sessions continued over a real (embedded) broker: the worker reads next-round requests from
 * {@code spa.inference.interactive} after the choice is claimed in the ledger (as the choice ingress does), and
 * publishes ChoiceApplied, CandidatesReady and SessionApproved; profiles come from {@code spa.profile.updated}.
 */
class SessionContinuationIT {

    private static final Logger LOG = LoggerFactory.getLogger(SessionContinuationIT.class);
    private static final EventCodec CODEC = new EventCodec();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path data;

    private static EmbeddedKafkaBroker kafka;
    private static WorkerRuntime worker;
    private static SessionLedger ledger;
    private static String modelVersion;
    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> observer;
    private static final List<ConsumerRecord<String, byte[]>> SEEN = new CopyOnWriteArrayList<>();

    private static final SimpleMeterRegistry METRICS = new SimpleMeterRegistry();

    @BeforeAll
    static void startBrokerAndWorker() {
        WorkerFixtures.requireModel(WorkerFixtures.fundusModel());
        try (SpaModel model = SpaModel.load(WorkerFixtures.fundusModel())) {
            modelVersion = model.version();
        }
        kafka = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(data.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(kafka.bootstrapServers()).createMissing(Topic.all());
        ledger = SessionLedgerConfig.embedded(data.resolve("sessions")).ledger();
        worker = WorkerRuntime.start(WorkerFixtures.config(
                Map.of(WorkerConfig.FUNDUS_OPTIC_CUP, WorkerFixtures.fundusModel()), data.resolve("results")),
                ledger, KafkaConfig.forBootstrapServers(kafka.bootstrapServers()), METRICS);
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all",
                "linger.ms", "0"), new StringSerializer(), new ByteArraySerializer());
        observer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", "observer",
                "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        observer.subscribe(List.of(Topic.CANDIDATES_READY.name(), Topic.CHOICE_APPLIED.name(),
                Topic.SESSION_APPROVED.name(), Topic.DEAD_LETTER.name()));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {observer, producer, worker, ledger, kafka}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void aSessionRunsThroughAChoiceAndARejectionToAnApprovedFinalSeg() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(41, data.resolve("study-41"));
        EventEnvelope<InferenceRequested> first = SessionRequests.forClinician(
                WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP), SessionRequests.RIVERA);
        CandidatesReady round1 = startSession(first);
        SessionView opened = ledger.find(round1.sessionId()).orElseThrow();
        assertThat(opened.session().requestId()).isEqualTo(first.data().requestId());
        assertThat(opened.round(1)).hasValueSatisfying(r -> assertThat(r.segmentation())
                .isEqualTo(round1.segmentation()));

        ChoiceRecord pick = SessionRequests.claim(ledger, round1.sessionId(), 1, ChoiceDecision.CANDIDATE, 2,
                SessionRequests.RIVERA);
        publish(SessionRequests.continuation(first, round1.sessionId(), pick));
        CandidatesReady round2 = awaitRound(round1.sessionId(), 2);
        ChoiceApplied picked = awaitChoiceApplied(round1.sessionId(), 1);
        assertThat(picked.decision()).isEqualTo(ChoiceDecision.CANDIDATE);
        assertThat(picked.piEstimate()).hasSize(16);
        assertThat(picked.nextRound()).isEqualTo(2);
        assertThat(SegAttributes.read(round2.segmentation()).perSegment("SegmentAlgorithmType"))
                .containsOnly("SEMIAUTOMATIC");

        ChoiceRecord none = SessionRequests.claim(ledger, round1.sessionId(), 2, ChoiceDecision.REJECT_ALL, null,
                SessionRequests.RIVERA);
        publish(SessionRequests.continuation(first, round1.sessionId(), none));
        CandidatesReady round3 = awaitRound(round1.sessionId(), 3);
        ChoiceApplied rejected = awaitChoiceApplied(round1.sessionId(), 2);
        assertThat(rejected.piEstimate()).isNull();
        assertThat(rejected.nextRound()).isEqualTo(3);

        ChoiceRecord approve = SessionRequests.claim(ledger, round1.sessionId(), 3, ChoiceDecision.APPROVE, null,
                SessionRequests.RIVERA);
        publish(SessionRequests.continuation(first, round1.sessionId(), approve));
        SessionApproved approved = awaitOne(Topic.SESSION_APPROVED, EventType.SESSION_APPROVED,
                (SessionApproved a) -> a.sessionId().equals(round1.sessionId()));
        ChoiceApplied approval = awaitChoiceApplied(round1.sessionId(), 3);
        assertThat(approval.approvedSegmentation()).isEqualTo(approved.segmentation());
        assertThat(approved.round()).isEqualTo(3);
        assertThat(approved.areaPixels()).isEqualTo(round3.recommended().areaPixels());
        Path finalSeg = SegAttributes.file(approved.segmentation());
        Dciodvfy.ValidationReport report = new Dciodvfy().requireInstalled().validate(finalSeg);
        assertThat(report.errors()).as(report.output()).isEmpty();
        Dcentvfy.Result dcentvfy = Dcentvfy.run(study.files().get(0), SegAttributes.file(round3.segmentation()),
                finalSeg);
        assertThat(dcentvfy.exitCode()).as("dcentvfy read every file: " + dcentvfy.output()).isZero();
        assertThat(dcentvfy.output()).as("SEGs and source agree on patient, study and frame of reference")
                .doesNotContain("Error");
    }

    @Test
    void aRedeliveredContinuationRepeatsItsEventIdsAndLeavesOneSegPerRound() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(42, data.resolve("study-42"));
        EventEnvelope<InferenceRequested> first = WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP);
        CandidatesReady round1 = startSession(first);
        ChoiceRecord pick = SessionRequests.claim(ledger, round1.sessionId(), 1, ChoiceDecision.CANDIDATE, 1,
                SessionRequests.OKAFOR);
        EventEnvelope<InferenceRequested> next = SessionRequests.continuation(first, round1.sessionId(), pick);

        publish(next);
        publish(next);

        await().atMost(WAIT).untilAsserted(() -> {
            poll();
            assertThat(events(Topic.CANDIDATES_READY, EventType.CANDIDATES_READY,
                    (CandidatesReady r) -> r.sessionId().equals(round1.sessionId()) && r.round() == 2)).hasSize(2);
            assertThat(events(Topic.CHOICE_APPLIED, EventType.CHOICE_APPLIED,
                    (ChoiceApplied a) -> a.sessionId().equals(round1.sessionId()))).hasSize(2);
        });
        assertThat(eventIds(Topic.CANDIDATES_READY, r -> r.contains(round1.sessionId()))).hasSize(3)
                .containsOnly(SessionIds.candidatesReadyEventId(round1.sessionId(), 1),
                        SessionIds.candidatesReadyEventId(round1.sessionId(), 2));
        assertThat(eventIds(Topic.CHOICE_APPLIED, r -> r.contains(round1.sessionId()))).hasSize(2)
                .containsOnly(SessionIds.choiceAppliedEventId(round1.sessionId(), 1));
        try (Stream<Path> files = Files.list(SegAttributes.file(round1.segmentation()).getParent())) {
            assertThat(files.filter(f -> f.toString().endsWith(".dcm")).count()).isEqualTo(2);
        }
    }

    @Test
    void aContinuationWhoseChoiceWasNeverClaimedIsDeadLettered() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(43, data.resolve("study-43"));
        EventEnvelope<InferenceRequested> first = WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP);
        CandidatesReady round1 = startSession(first);
        ChoiceRecord unclaimed = new ChoiceRecord("unclaimed-" + round1.sessionId(), 1, ChoiceDecision.CANDIDATE, 1,
                SessionRequests.RIVERA, SessionRequests.DECIDED_AT, "corr-1");

        publish(SessionRequests.continuation(first, round1.sessionId(), unclaimed));

        await().atMost(WAIT).untilAsserted(() -> {
            poll();
            assertThat(SEEN.stream().filter(r -> r.topic().equals(Topic.DEAD_LETTER.name()))
                    .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(unclaimed.choiceEventId()))
                    .map(r -> new String(r.headers().lastHeader(DeadLetterHeaders.REASON_CODE).value(),
                            StandardCharsets.UTF_8)).toList()).containsExactly("CONTINUATION_NOT_RECORDED");
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(METRICS.get(DeadLetterCounter.METRIC)
                .tags("reason_code", "CONTINUATION_NOT_RECORDED", "source_topic", Topic.INFERENCE_INTERACTIVE.name(),
                        "component", "inference-worker").counter().count()).isEqualTo(1.0));
    }

    @Test
    void aPublishedProfileIsThePriorOfTheClinicianNextSession() throws Exception {
        publishProfile(profile("dr-ito", 7, modelVersion));
        await().atMost(WAIT).until(() -> worker.profiles().latest("dr-ito", WorkerConfig.FUNDUS_OPTIC_CUP)
                .isPresent());

        GeneratedStudy study = WorkerFixtures.fundusStudy(44, data.resolve("study-44"));
        CandidatesReady round1 = startSession(SessionRequests.forClinician(
                WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP),
                new Clinician("dr-ito", null, "Ito^Ken")));

        assertThat(round1.profileVersion()).isEqualTo(7);
        assertThat(ledger.find(round1.sessionId()).orElseThrow().session().profileVersion()).isEqualTo(7);
    }

    @Test
    void aProfileViewKeepsTheHighestVersionWhateverTheOrderAndLeavesNoThreadWhenClosed() throws Exception {
        publishProfile(profile("dr-sato", 5, modelVersion));
        publishProfile(profile("dr-sato", 4, modelVersion));
        long threadsBefore = profileThreads();

        try (ProfileView view = ProfileView.start(KafkaConfig.forBootstrapServers(kafka.bootstrapServers()), CODEC)) {
            assertThat(view.awaitCaughtUp(WAIT)).isTrue();
            assertThat(view.latest("dr-sato", WorkerConfig.FUNDUS_OPTIC_CUP)).hasValueSatisfying(
                    p -> assertThat(p.version()).isEqualTo(5));
            assertThat(view.latest("dr-sato", WorkerConfig.CT_LUNG_NODULE)).isEmpty();
            assertThat(profileThreads()).isEqualTo(threadsBefore + 1);
        }

        assertThat(profileThreads()).isEqualTo(threadsBefore);
    }

    private static long profileThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("spa-worker-profiles") && t.isAlive()).count();
    }

    private static ProfileUpdated profile(String clinicianId, long version, String forModel) {
        List<Double> pi = new ArrayList<>();
        for (int m = 0; m < 16; m++) {
            pi.add(m == 6 ? 0.55 : 0.03);
        }
        return new ProfileUpdated(clinicianId, WorkerConfig.FUNDUS_OPTIC_CUP, forModel, version, pi, version, 0,
                "choice-" + version, "spa-earlier", 2, ChoiceDecision.CANDIDATE);
    }

    private static void publishProfile(ProfileUpdated profile) throws Exception {
        producer.send(new ProducerRecord<>(Topic.PROFILE_UPDATED.name(), profile.clinicianId(), CODEC.encodeBytes(
                EventEnvelope.withId(SessionIds.profileUpdatedEventId(profile.clinicianId(), profile.task(),
                        profile.version()), EventType.PROFILE_UPDATED, "/spa-gateway/preference-profiles",
                        profile.clinicianId(), "corr-profile", Instant.now(), profile)))).get();
    }

    /**
     * Fifty chosen candidates in a row over the broker: each choice is applied once, with the rank the clinician
     * chose, and answered by exactly one next round. The time from publishing each next-round request to its
     * CandidatesReady is logged, not asserted: this build shares its cores with others, and the latency goal is
     * measured on a quiet machine (docs/benchmarks.md).
     */
    @Test
    void fiftyChosenCandidatesInARowAreEachAppliedOnceAndAnsweredWithOneNextRound() throws Exception {
        GeneratedStudy study = WorkerFixtures.fundusStudy(45, data.resolve("study-45"));
        EventEnvelope<InferenceRequested> first = WorkerFixtures.request(study, WorkerConfig.FUNDUS_OPTIC_CUP);
        CandidatesReady round = startSession(first);
        String sessionId = round.sessionId();
        List<Long> millis = new ArrayList<>();
        for (int r = 1; r <= 50; r++) {
            ChoiceRecord pick = SessionRequests.claim(ledger, sessionId, r, ChoiceDecision.CANDIDATE,
                    rankChosenIn(r), SessionRequests.RIVERA);
            long sent = System.nanoTime();
            publish(SessionRequests.continuation(first, sessionId, pick));
            round = awaitRound(sessionId, r + 1);
            millis.add((System.nanoTime() - sent) / 1_000_000);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        LOG.info("Choice -> next CandidatesReady over the broker, 50 rounds: p50 {} ms, p95 {} ms, max {} ms",
                sorted.get(24), sorted.get(47), sorted.get(49));

        assertThat(round.round()).isEqualTo(51);
        await().atMost(WAIT).untilAsserted(() -> {
            poll();
            for (int r = 1; r <= 50; r++) {
                int chosen = r;
                assertThat(events(Topic.CHOICE_APPLIED, EventType.CHOICE_APPLIED,
                        (ChoiceApplied a) -> a.sessionId().equals(sessionId) && a.round() == chosen))
                        .as("ChoiceApplied for round %d", r).singleElement().satisfies(applied -> {
                            assertThat(applied.decision()).isEqualTo(ChoiceDecision.CANDIDATE);
                            assertThat(applied.candidate().rank()).isEqualTo(rankChosenIn(chosen));
                            assertThat(applied.nextRound()).isEqualTo(chosen + 1);
                        });
            }
        });
        for (int r = 1; r <= 51; r++) {
            int shown = r;
            assertThat(events(Topic.CANDIDATES_READY, EventType.CANDIDATES_READY,
                    (CandidatesReady c) -> c.sessionId().equals(sessionId) && c.round() == shown))
                    .as("CandidatesReady for round %d", r).hasSize(1);
        }
        assertThat(ledger.find(sessionId).orElseThrow().latestRound()).isEqualTo(51);
    }

    /** The candidate rank the clinician picks in {@code round} of the fifty-round session: 2, 3, 4, 1, 2, ... */
    private static int rankChosenIn(int round) {
        return 1 + round % 4;
    }

    private static CandidatesReady startSession(EventEnvelope<InferenceRequested> request) throws Exception {
        producer.send(new ProducerRecord<>(Topic.INFERENCE_REQUESTED.name(), request.subject(),
                CODEC.encodeBytes(request))).get();
        String sessionId = SessionIds.sessionId(request.data().requestId(),
                request.data().instances().get(0).sopInstanceUid());
        return awaitRound(sessionId, 1);
    }

    private static void publish(EventEnvelope<InferenceRequested> request) throws Exception {
        producer.send(new ProducerRecord<>(Topic.INFERENCE_INTERACTIVE.name(), request.subject(),
                CODEC.encodeBytes(request))).get();
    }

    private static CandidatesReady awaitRound(String sessionId, int round) {
        return awaitOne(Topic.CANDIDATES_READY, EventType.CANDIDATES_READY,
                (CandidatesReady r) -> r.sessionId().equals(sessionId) && r.round() == round);
    }

    private static ChoiceApplied awaitChoiceApplied(String sessionId, int round) {
        return awaitOne(Topic.CHOICE_APPLIED, EventType.CHOICE_APPLIED,
                (ChoiceApplied a) -> a.sessionId().equals(sessionId) && a.round() == round);
    }

    private static <T> T awaitOne(Topic topic, EventType type, Predicate<T> match) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
            poll();
            List<T> found = events(topic, type, match);
            return found.isEmpty() ? null : found.get(0);
        }, found -> found != null);
    }

    private static void poll() {
        observer.poll(Duration.ofMillis(100)).forEach(SEEN::add);
    }

    private static <T> List<T> events(Topic topic, EventType type, Predicate<T> match) {
        return SEEN.stream().filter(r -> r.topic().equals(topic.name()))
                .map(r -> SessionRequests.<T>decode(r.value(), type).data()).filter(match).toList();
    }

    private static List<String> eventIds(Topic topic, Predicate<String> json) {
        EventType type = topic.eventTypes().get(0);
        return SEEN.stream().filter(r -> r.topic().equals(topic.name()))
                .filter(r -> json.test(new String(r.value(), StandardCharsets.UTF_8)))
                .map(r -> SessionRequests.decode(r.value(), type).eventId()).toList();
    }
}
