package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.listener.PseudonymKey;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.PatientPseudonym;
import org.spagateway.events.ProfileUpdated;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.Topic;
import org.spagateway.fhir.adapter.AuditQueries;
import org.spagateway.kafka.support.TraceParent;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.OrthancProcess;
import org.spagateway.test.harness.TopicReader;

/**
 * One whole SPA session on the all-in-one stack with every service on, against a real PACS: a study sent with
 * storescu is stored by the listener, round 1 runs, a clinician chooses over the HTTP choice API (a candidate,
 * then reject-all, then approve), each choice yields the next round, the approval yields the final SEG, and every
 * SEG reaches Orthanc (the PACS) in the source's study. The clinician's profile advances exactly once per choice, and the
 * embedded FHIR server answers the four audit questions with exactly this session's records. The study carries a
 * distinctive synthetic patient, found afterwards in no log line, event, dead letter or FHIR resource
 * ({@link PhiTrace}).
 */
class AllInOneSessionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = new EventCodec();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String SYSTEM = "urn:oid:2.16.840.1.113883.4.6";
    private static final String CLINICIAN = "{\"id\":\"dr-rivera\",\"system\":\"" + SYSTEM
            + "\",\"personName\":\"Rivera^Ana^^Dr\"}";

    /** Kept when the test fails: Orthanc's log and the ledger are what explains a failure. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    @Test
    void choicesOverHttpTakeASessionToAnApprovedSegInThePacsWithProfilesAndAuditRecords() throws Exception {
        Set<String> threadsBefore = GatewayThreads.nonDaemon();
        GeneratedStudy study = new SyntheticStudyGenerator()
                .generate(StudySpec.of(DemoTask.FUNDUS, 1, 21).withSize(256), work.resolve("sent"));
        String studyUid = study.studyInstanceUid();
        PhiTrace.stamp(study.files());

        // Orthanc is the PACS the SEGs go to; the study is sent as a modality would (the embedded FHIR server's
        // start-up is long enough for a port picked in advance for the listener to be taken meanwhile).
        try (PhiTrace phi = new PhiTrace();
             OrthancProcess orthanc = OrthancProcess.start(work.resolve("orthanc"), "ORTHANC", null);
             AllInOneGateway gateway = AllInOneGateway.start(config(orthanc.dicomPort()));
             EventTail tail = new EventTail(gateway.bootstrapServers(), List.of(Topic.CANDIDATES_READY,
                     Topic.CHOICE_APPLIED, Topic.SESSION_APPROVED, Topic.PROFILE_UPDATED,
                     Topic.SEGMENTATION_EXPORTED, Topic.DEAD_LETTER))) {
            URI api = URI.create(gateway.choiceApiUri().orElseThrow());
            Dcmtk.Result sent = Dcmtk.storescu("STORESCU", gateway.dicomAeTitle(), "127.0.0.1", gateway.dicomPort(),
                    study.files());
            assertThat(sent.succeeded()).as(sent.output()).isTrue();

            CandidatesReady round1 = awaitRound(tail, studyUid, 1);
            String session = round1.sessionId();
            assertThat(post(api, choice(session, 1, "\"decision\":\"CANDIDATE\",\"candidate\":{\"rank\":2,"
                    + "\"segmentNumber\":3}")).statusCode()).isEqualTo(202);
            CandidatesReady round2 = awaitRound(tail, studyUid, 2);
            assertThat(post(api, choice(session, 2, "\"decision\":\"REJECT_ALL\"")).statusCode()).isEqualTo(202);
            CandidatesReady round3 = awaitRound(tail, studyUid, 3);
            // A stale choice changes nothing; a repeat of an applied one is acknowledged.
            assertThat(post(api, choice(session, 1, "\"decision\":\"REJECT_ALL\"")).statusCode()).isEqualTo(409);
            assertThat(post(api, choice(session, 2, "\"decision\":\"REJECT_ALL\"")).statusCode()).isEqualTo(200);
            assertThat(post(api, choice(session, 3, "\"decision\":\"APPROVE\"")).statusCode()).isEqualTo(202);

            SessionApproved approved = awaitData(tail, Topic.SESSION_APPROVED, EventType.SESSION_APPROVED,
                    (SessionApproved event) -> event.sessionId().equals(session));
            assertThat(approved.round()).isEqualTo(3);
            assertThat(approved.approvedBy().id()).isEqualTo("dr-rivera");
            List<String> segs = List.of(round1.segmentation().sopInstanceUid(),
                    round2.segmentation().sopInstanceUid(), round3.segmentation().sopInstanceUid(),
                    approved.segmentation().sopInstanceUid());

            // Every SEG, the final one included, is in the source's study in the PACS, once.
            await().atMost(WAIT).untilAsserted(() -> {
                records.addAll(tail.poll(Duration.ofMillis(200)));
                assertThat(instancesOf(orthanc, studyUid)).containsExactlyInAnyOrderElementsOf(segs);
            });

            // The choice log has one event per choice (a redelivered request would repeat an event with the same id,
            // which consumers deduplicate), and the profile advanced once per choice.
            Map<String, ChoiceApplied> applied = new java.util.LinkedHashMap<>();
            records.stream().filter(r -> r.topic().equals(Topic.CHOICE_APPLIED.name()))
                    .map(r -> CODEC.<ChoiceApplied>decode(r.value(), EventType.CHOICE_APPLIED))
                    .forEach(event -> assertThat(applied.putIfAbsent(event.eventId(), event.data()))
                            .isIn(null, event.data()));
            assertThat(applied.values()).extracting(ChoiceApplied::decision).containsExactly(
                    ChoiceDecision.CANDIDATE, ChoiceDecision.REJECT_ALL, ChoiceDecision.APPROVE);
            await().atMost(WAIT).untilAsserted(() -> {
                records.addAll(tail.poll(Duration.ofMillis(200)));
                List<ProfileUpdated> profiles = all(Topic.PROFILE_UPDATED, EventType.PROFILE_UPDATED);
                assertThat(profiles).extracting(ProfileUpdated::version).containsExactly(1L, 2L, 3L);
                assertThat(profiles.get(2).choiceCount()).isEqualTo(2);
                assertThat(profiles.get(2).rejectionCount()).isEqualTo(1);
            });

            // The reporting system reads the session: an audited access.
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(api.resolve("/sessions/" + session))
                    .header("X-Spa-User", "dr-rivera").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).path("status").asText()).isEqualTo("APPROVED");

            String fhir = gateway.fhirBaseUrl().orElseThrow() + "/";
            // (1) the final SEG: the approval Provenance, with the model's Device and the approving Practitioner.
            await().atMost(WAIT).untilAsserted(() -> assertThat(resourceTypes(fhir
                    + AuditQueries.producerOfSeg(approved.segmentation().sopInstanceUid())))
                    .containsExactlyInAnyOrder("Provenance", "Device", "Practitioner", "ImagingStudy"));
            // (2) what she was shown and chose, in which round: her three choices on the study, in order.
            await().atMost(WAIT).untilAsserted(() -> assertThat(resourceTypes(fhir
                    + AuditQueries.choicesOnStudy(SYSTEM, "dr-rivera", studyUid))).containsExactly("Provenance",
                    "Provenance", "Provenance"));
            // (3) everything derived from the study: three candidate sets, the approval, three choices; four exports.
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(resourceTypes(fhir + AuditQueries.derivedFromStudy(studyUid))).hasSize(7)
                        .containsOnly("Provenance");
                assertThat(resourceTypes(fhir + AuditQueries.exportsOfStudy(studyUid))).hasSize(4)
                        .containsOnly("AuditEvent");
            });
            // The study's ImagingStudy lists the source series and the session's two SEG series: its candidate sets
            // (one instance per round) and its approved SEG.
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode imagingStudy = JSON.readTree(get(fhir + AuditQueries.imagingStudyOf(studyUid)))
                        .path("entry").get(0).path("resource");
                List<String> series = new ArrayList<>();
                imagingStudy.path("series").forEach(s -> series.add(s.path("modality").path("code").asText()
                        + ":" + s.path("instance").size()));
                assertThat(series).containsExactlyInAnyOrder("OP:1", "SEG:3", "SEG:1");
                assertThat(imagingStudy.path("numberOfInstances").asInt()).isEqualTo(5);
            });
            // (4) who accessed the session's records: the one read above.
            await().atMost(WAIT).untilAsserted(() -> assertThat(resourceTypes(fhir
                    + AuditQueries.accessesOfSession(session))).containsExactly("AuditEvent"));
            assertThat(all(Topic.DEAD_LETTER, null)).isEmpty();

            // The gateway's metrics, scraped over HTTP from the health port, count what just happened.
            assertMetrics(gateway, List.of(studyUid, study.seriesInstanceUid(), session, "dr-rivera",
                    approved.segmentation().sopInstanceUid()));

            // The synthetic patient's name, ID and birth date are in no log line, event, dead letter or FHIR
            // resource: only the DICOM files (the source and the SEGs in the PACS) hold them.
            phi.assertNotInLogs();
            assertThat(PhiTrace.assertNotInTopics(gateway.bootstrapServers())).isGreaterThan(10);
            for (String type : List.of("ImagingStudy", "AuditEvent", "Provenance", "Device", "Practitioner")) {
                String bundle = get(fhir + type + "?_count=500");
                assertThat(bundle).contains("\"resourceType\":\"Bundle\"");
                PhiTrace.assertNoTrace("FHIR " + type, bundle);
            }
            phi.assertUidsNotInLogs(List.of(studyUid, study.seriesInstanceUid()));
            // The patient is in FHIR as the pseudonym under the listener's key (kept under its storage root here),
            // which finds the patient's records (audit query 5).
            String pseudonym = new PatientPseudonym(Files.readAllBytes(work.resolve("dicom")
                    .resolve(PseudonymKey.FILE))).of(null, PhiTrace.PATIENT_ID, studyUid);
            assertThat(get(fhir + AuditQueries.imagingStudyOf(studyUid))).contains(pseudonym);
            assertThat(resourceTypes(fhir + AuditQueries.auditEventsOfPatient(pseudonym))).isNotEmpty()
                    .containsOnly("AuditEvent");

            // One W3C trace from the C-STORE to FHIR: the StudyReceived record's traceparent names the trace that
            // every later record of the study carries, and that the session's Provenances are tagged with.
            TopicReader topics = new TopicReader(gateway.bootstrapServers());
            String traceId = traceIdOf(topics.records(Topic.STUDY_RECEIVED.name(), studyUid).get(0));
            for (Topic topic : List.of(Topic.INFERENCE_REQUESTED, Topic.INFERENCE_INTERACTIVE, Topic.CANDIDATES_READY,
                    Topic.CHOICE_APPLIED, Topic.SESSION_APPROVED, Topic.SEGMENTATION_EXPORTED)) {
                assertThat(topics.readAll(topic.name())).as(topic.name()).isNotEmpty()
                        .allSatisfy(record -> assertThat(traceIdOf(record)).as(topic.name()).isEqualTo(traceId));
            }
            assertThat(resourceTypes(fhir + AuditQueries.provenancesOfTrace(traceId)))
                    .hasSizeGreaterThanOrEqualTo(5).containsOnly("Provenance");
        }

        assertThat(GatewayThreads.nonDaemon()).as("threads left behind").isSubsetOf(threadsBefore);
    }

    /**
     * The series this session must have left: one study received, three rounds (one first, two next) and one approval
     * of the fundus task, four SEGs stored in the PACS, the FHIR records, the choice API's answers by status, no dead
     * letter, and the consumer lag of the gateway's groups drained to zero; no label carries an identifier.
     */
    private static void assertMetrics(AllInOneGateway gateway, List<String> identifiers) throws Exception {
        int port = gateway.healthPort().orElseThrow();
        String task = "fundus-optic-cup";
        await().atMost(WAIT).untilAsserted(() -> {
            ScrapedMetrics metrics = ScrapedMetrics.scrape(port, null);
            assertThat(metrics.find("spa_kafka_consumer_lag_records")).as(metrics.text())
                    .extracting(sample -> sample.labels().get("group") + "/" + sample.labels().get("topic"))
                    .contains("spa-inference-worker/spa.inference.interactive", "spa-routes/spa.study.received");
            assertThat(metrics.find("spa_kafka_consumer_lag_records")).allSatisfy(sample ->
                    assertThat(sample.value()).as(sample.toString()).isEqualTo(0.0));
            assertThat(metrics.value("spa_fhir_write_seconds_count", "outcome", "stored")).isGreaterThanOrEqualTo(13);
        });
        ScrapedMetrics metrics = ScrapedMetrics.scrape(port, null);
        assertThat(metrics.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.value("spa_studies_received_total")).isEqualTo(1.0);
        assertThat(metrics.value("spa_worker_round_seconds_count", "task", task, "round", "first")).isEqualTo(1.0);
        assertThat(metrics.value("spa_worker_round_seconds_count", "task", task, "round", "next")).isEqualTo(2.0);
        assertThat(metrics.value("spa_worker_round_seconds_bucket", "task", task, "round", "next", "le", "+Inf"))
                .isEqualTo(2.0);
        assertThat(metrics.find("spa_worker_round_seconds_bucket", "task", task, "round", "first"))
                .extracting(sample -> sample.labels().get("le"))
                .contains("0.05", "0.1", "0.25", "0.5", "1.0", "2.0", "5.0", "+Inf");
        assertThat(metrics.value("spa_sessions_approved_total", "task", task)).isEqualTo(1.0);
        assertThat(metrics.value("spa_export_seconds_count", "kind", "dimse", "destination", "pacs", "outcome",
                "stored")).isGreaterThanOrEqualTo(4.0);
        assertThat(metrics.find("spa_export_failures_total")).isEmpty();
        assertThat(metrics.value("spa_choice_api_request_seconds_count", "operation", "POST /choices", "status",
                "202")).isEqualTo(3.0);
        assertThat(metrics.value("spa_choice_api_request_seconds_count", "operation", "POST /choices", "status",
                "409")).isEqualTo(1.0);
        assertThat(metrics.value("spa_choice_api_request_seconds_count", "operation", "POST /choices", "status",
                "200")).isEqualTo(1.0);
        assertThat(metrics.value("spa_choice_api_request_seconds_count", "operation", "GET /sessions/{sessionId}",
                "status", "200")).isEqualTo(1.0);
        assertThat(metrics.find("spa_dead_letters_total")).isEmpty();
        assertThat(metrics.find("jvm_memory_used_bytes")).isNotEmpty();
        assertThat(metrics.find("process_cpu_usage")).isNotEmpty();
        assertThat(metrics.labelValues()).isNotEmpty().noneMatch(value -> ScrapedMetrics.UID_SHAPED.matcher(value)
                .find()).noneMatch(identifiers::contains);
        assertThat(metrics.text()).doesNotContain(identifiers.toArray(String[]::new));

        ScrapedMetrics openMetrics = ScrapedMetrics.scrape(port, "application/openmetrics-text;version=1.0.0");
        assertThat(openMetrics.contentType()).startsWith("application/openmetrics-text; version=1.0.0");
        assertThat(openMetrics.text()).endsWith("# EOF\n");
        assertThat(openMetrics.value("spa_studies_received_total")).isEqualTo(1.0);
    }

    private ConfigSource config(int orthancDicomPort) throws Exception {
        return AllInOneGatewayIT.testConfig(work).with(Map.of(
                "spa.export.destinations", "pacs",
                "spa.export.destination.pacs.ae-title", "ORTHANC",
                "spa.export.destination.pacs.host", "127.0.0.1",
                "spa.export.destination.pacs.port", String.valueOf(orthancDicomPort),
                "spa.choices.port", "0",
                "spa.health.port", "0")).with(Map.of(
                AllInOneConfig.FHIR_EMBEDDED, "true",
                AllInOneConfig.FHIR_ADAPTER, "true",
                "spa.fhir.server.port", "0",
                "spa.fhir.server.jdbc-url", "jdbc:h2:file:" + work.resolve("fhir/h2"),
                "spa.fhir.retry-delay", "500ms",
                "spa.metrics.consumer-lag-period", "1s"));
    }

    private static String traceIdOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(TraceParent.HEADER);
        assertThat(header).as("the traceparent of a record of " + record.topic()).isNotNull();
        return TraceParent.traceIdOf(new String(header.value(), StandardCharsets.UTF_8)).orElseThrow();
    }

    private static String choice(String session, int round, String decision) {
        return "{\"sessionId\":\"" + session + "\",\"round\":" + round + "," + decision + ",\"clinician\":"
                + CLINICIAN + "}";
    }

    private HttpResponse<String> post(URI api, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(api.resolve("/choices")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CandidatesReady awaitRound(EventTail tail, String studyUid, int round) {
        return awaitData(tail, Topic.CANDIDATES_READY, EventType.CANDIDATES_READY,
                (CandidatesReady ready) -> ready.studyInstanceUid().equals(studyUid) && ready.round() == round);
    }

    private <T> T awaitData(EventTail tail, Topic topic, EventType type, Predicate<T> wanted) {
        return await().atMost(WAIT).until(() -> {
            records.addAll(tail.poll(Duration.ofMillis(200)));
            return all(topic, type).stream().map(data -> (T) data).filter(wanted).findFirst().orElse(null);
        }, found -> found != null);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> all(Topic topic, EventType type) {
        return records.stream().filter(r -> r.topic().equals(topic.name()))
                .map(r -> type == null ? (T) r.value() : CODEC.<T>decode(r.value(), type).data()).toList();
    }

    /** The resource types of a search's entries, in order, as curl would get them. */
    private List<String> resourceTypes(String url) throws Exception {
        List<String> types = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(get(url)).path("entry")) {
            types.add(entry.path("resource").path("resourceType").asText());
        }
        return types;
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/fhir+json").header("Cache-Control", "no-cache").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
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
}
