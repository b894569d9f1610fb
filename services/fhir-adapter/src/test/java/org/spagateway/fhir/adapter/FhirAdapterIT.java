package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.EventCodec;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.ModelReference;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.fhir.embedded.EmbeddedFhirServer;
import org.spagateway.fhir.embedded.FhirServerConfig;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.CamelServices;
import org.spagateway.kafka.support.KafkaConfig;

/**
 * Real Kafka broker, real HAPI FHIR JPA server (H2 file), the adapter between them: a redelivered event is stored
 * once, an event that arrives while the FHIR server is down is stored once after it is back, and the series of a
 * study written concurrently all end up in its one ImagingStudy.
 */
class FhirAdapterIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final EventCodec CODEC = new EventCodec();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int ROUNDS = 4;

    @TempDir
    static Path data;

    private static EmbeddedKafkaBroker kafka;
    private static EmbeddedFhirServer fhirServer;
    private static FhirServerConfig fhirServerConfig;
    private static CamelServices adapter;
    private static KafkaProducer<String, byte[]> producer;
    private static IGenericClient client;

    @BeforeAll
    static void startKafkaFhirServerAndAdapter() {
        kafka = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(data.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(kafka.bootstrapServers()).createMissing(Topic.all());
        fhirServer = EmbeddedFhirServer.start(FhirServerConfig.h2("jdbc:h2:file:" + data.resolve("fhir/h2")), FHIR);
        // Restarts reuse the port, so the adapter's base URL stays valid across an outage.
        fhirServerConfig = new FhirServerConfig(fhirServer.port(), "jdbc:h2:file:" + data.resolve("fhir/h2"), "sa",
                "", FhirServerConfig.DEFAULT_MAX_CONNECTIONS);
        adapter = CamelServices.start("spa-fhir-adapter", KafkaConfig.forBootstrapServers(kafka.bootstrapServers()),
                List.of(new FhirAdapter(FhirAdapterConfig.of(fhirServer.baseUrl()).withRetryDelay(Duration.ofMillis(500)),
                        FHIR, CODEC, new SimpleMeterRegistry())));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        client = FhirAdapter.newClient(FhirAdapterConfig.of(fhirServer.baseUrl()),
                FHIR);
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable closeable : new AutoCloseable[] {producer, adapter, fhirServer, kafka}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void storesARedeliveredStudyReceivedEventOnce() {
        String studyUid = StudyFixtures.newStudyUid();
        EventEnvelope<StudyReceived> event = StudyFixtures.event("evt-" + studyUid,
                StudyFixtures.ctChest(studyUid, 3));
        NotifyBuilder bothConsumed = new NotifyBuilder(adapter.context())
                .fromRoute(FhirRecordingRoute.STUDY_RECEIVED_ROUTE_ID).whenCompleted(2).create();

        publish(event);
        publish(event);

        assertThat(bothConsumed.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("both records consumed").isTrue();
        List<ImagingStudy> studies = imagingStudies(studyUid);
        assertThat(studies).hasSize(1);
        assertThat(studies.get(0).getNumberOfInstances()).isEqualTo(3);
        assertThat(importAudits(studies.get(0))).hasSize(1);
    }

    @Test
    void storesAnEventThatArrivedDuringAFhirOutageOnceTheServerIsBack() {
        String studyUid = StudyFixtures.newStudyUid();
        NotifyBuilder failedWhileDown = new NotifyBuilder(adapter.context())
                .fromRoute(FhirRecordingRoute.STUDY_RECEIVED_ROUTE_ID).whenFailed(1).create();
        fhirServer.close();

        publish(StudyFixtures.event("evt-" + studyUid, StudyFixtures.ctChest(studyUid, 2)));
        assertThat(failedWhileDown.matches(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("the adapter tried and kept the record").isTrue();
        fhirServer = EmbeddedFhirServer.start(fhirServerConfig, FHIR);

        List<ImagingStudy> studies = await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> imagingStudies(studyUid), found -> !found.isEmpty());
        assertThat(studies).hasSize(1);
        assertThat(importAudits(studies.get(0))).hasSize(1);
    }

    @Test
    void recordsARedeliveredCandidateSetOnceAndAnswersWhichModelProducedTheSegFromWhichStudyAndWhen() {
        String studyUid = StudyFixtures.newStudyUid();
        publish(StudyFixtures.event("evt-" + studyUid, StudyFixtures.ctChest(studyUid, 3)));
        ImagingStudy study = await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> imagingStudies(studyUid), found -> !found.isEmpty()).get(0);
        // A model version of its own, so that "exactly one Device" does not depend on the other tests.
        String sha = String.format("%012x", Math.abs(studyUid.hashCode()) * 4096L);
        ModelReference model = new ModelReference("spa-unet-small", "spa-unet-small@" + sha);
        CandidatesReady ready = CandidatesFixtures.round1(studyUid, model);
        EventEnvelope<CandidatesReady> event = CandidatesFixtures.event("evt-cand-" + studyUid, ready);
        NotifyBuilder bothConsumed = new NotifyBuilder(adapter.context())
                .fromRoute(FhirRecordingRoute.CANDIDATES_READY_ROUTE_ID).whenCompleted(2).create();

        publish(Topic.CANDIDATES_READY, event);
        publish(Topic.CANDIDATES_READY, event);

        assertThat(bothConsumed.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("both records consumed").isTrue();
        assertThat(search("Device?identifier=" + ModelDeviceMapper.MODEL_SYSTEM + "%7C" + model.version()))
                .hasSize(1);
        assertThat(search("Provenance?_tag=" + ImportAuditEventMapper.EVENT_ID_TAG_SYSTEM + "%7C" + event.eventId()))
                .hasSize(1);
        List<ImagingStudy> studies = imagingStudies(studyUid);
        assertThat(studies).hasSize(1);
        assertThat(studies.get(0).getSeries()).extracting(ImagingStudy.ImagingStudySeriesComponent::getUid)
                .as("the source series and the SEG's, once").containsExactly(studyUid + ".1",
                        ready.segmentation().seriesInstanceUid());
        assertThat(studies.get(0).getNumberOfInstances()).isEqualTo(4);

        // Audit query 1 (docs/fhir.md): which model version produced this SEG, from which source study, and when?
        Bundle answer = searchBundle("Provenance?_tag=" + CandidateSetProvenanceMapper.TARGET_TAG_SYSTEM + "%7C"
                + DicomIdentifiers.oid(ready.segmentation().sopInstanceUid())
                + "&_include=Provenance:agent&_include=Provenance:entity");
        List<Provenance> provenances = resources(answer, Provenance.class);
        assertThat(provenances).hasSize(1);
        Provenance provenance = provenances.get(0);
        assertThat(provenance.getTargetFirstRep().getIdentifier().getValue())
                .isEqualTo(DicomIdentifiers.oid(ready.segmentation().sopInstanceUid()));
        assertThat(provenance.getOccurredDateTimeType().getValue().toInstant()).isEqualTo(event.occurredAt());
        assertThat(provenance.getAgentFirstRep().getWho().getReferenceElement().getResourceType())
                .isEqualTo("Device");
        assertThat(resources(answer, Device.class)).singleElement().satisfies(device -> {
            assertThat(device.getDeviceNameFirstRep().getName()).isEqualTo("spa-unet-small");
            assertThat(device.getVersionFirstRep().getValue()).isEqualTo(model.version());
        });
        assertThat(resources(answer, ImagingStudy.class)).singleElement().satisfies(source ->
                assertThat(source.getIdElement().toUnqualifiedVersionless())
                        .isEqualTo(study.getIdElement().toUnqualifiedVersionless()));
    }

    @Test
    void recordsACandidateSetConsumedBeforeItsStudyInOneImagingStudyThatThenListsTheSourceSeriesToo() {
        String studyUid = StudyFixtures.newStudyUid();
        CandidatesReady ready = CandidatesFixtures.round1(studyUid, CandidatesFixtures.MODEL);
        EventEnvelope<CandidatesReady> event = CandidatesFixtures.event("evt-cand-" + studyUid, ready);

        publish(Topic.CANDIDATES_READY, event);
        List<Bundle.BundleEntryComponent> provenances = await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> search("Provenance?_tag=" + ImportAuditEventMapper.EVENT_ID_TAG_SYSTEM + "%7C"
                        + event.eventId()), found -> !found.isEmpty());
        NotifyBuilder studyConsumed = new NotifyBuilder(adapter.context())
                .fromRoute(FhirRecordingRoute.STUDY_RECEIVED_ROUTE_ID).whenCompleted(1).create();
        publish(StudyFixtures.event("evt-" + studyUid, StudyFixtures.ctChest(studyUid, 3)));

        assertThat(studyConsumed.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("study consumed").isTrue();
        List<ImagingStudy> studies = imagingStudies(studyUid);
        assertThat(studies).hasSize(1);
        Provenance provenance = (Provenance) provenances.get(0).getResource();
        assertThat(provenance.getEntityFirstRep().getWhat().getReferenceElement().toUnqualifiedVersionless())
                .isEqualTo(studies.get(0).getIdElement().toUnqualifiedVersionless());
        ImagingStudy study = studies.get(0);
        assertThat(study.getSeries()).extracting(ImagingStudy.ImagingStudySeriesComponent::getUid)
                .containsExactly(ready.segmentation().seriesInstanceUid(), studyUid + ".1");
        assertThat(study.getSeries().get(1).getInstance()).hasSize(3);
        assertThat(study.getNumberOfSeries()).isEqualTo(2);
        assertThat(study.getNumberOfInstances()).isEqualTo(4);
        assertThat(study.getModality()).extracting(Coding::getCode).containsExactlyInAnyOrder("SEG", "CT");
        assertThat(importAudits(study)).hasSize(1);
    }

    @Test
    void mergesEverySeriesOfAStudyWrittenAtTheSameTimeByDifferentWritersIntoItsOneImagingStudy() throws Exception {
        String studyUid = StudyFixtures.newStudyUid();
        SessionFixtures session = new SessionFixtures(studyUid, "session-" + studyUid, SessionFixtures.DR_RIVERA,
                CandidatesFixtures.MODEL, StudyFixtures.T0, 1);
        List<RecordTransaction> transactions = new ArrayList<>();
        transactions.add(new StudyTransactionBuilder().transaction(StudyFixtures.event("evt-" + studyUid,
                StudyFixtures.ctChest(studyUid, 3))));
        for (int round = 1; round <= ROUNDS; round++) {
            transactions.add(new CandidatesTransactionBuilder().transaction(session.candidates(round)));
        }
        transactions.add(new ApprovalTransactionBuilder().transaction(session.approved(ROUNDS)));
        RecordTransactionWriter writer = new RecordTransactionWriter(client);
        ExecutorService writers = Executors.newFixedThreadPool(transactions.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Bundle>> written = new ArrayList<>();
            for (RecordTransaction transaction : transactions) {
                written.add(writers.submit(() -> {
                    start.await();
                    return writer.write(transaction);
                }));
            }
            start.countDown();
            for (Future<Bundle> response : written) {
                assertThat(response.get(WAIT.toSeconds(), TimeUnit.SECONDS).getEntry()).isNotEmpty();
            }
        } finally {
            writers.shutdownNow();
        }

        List<ImagingStudy> studies = imagingStudies(studyUid);
        assertThat(studies).hasSize(1);
        ImagingStudy study = studies.get(0);
        assertThat(study.getSeries()).extracting(ImagingStudy.ImagingStudySeriesComponent::getUid)
                .containsExactlyInAnyOrder(studyUid + ".1", session.segSeriesUid(),
                        session.finalSeg().seriesInstanceUid());
        ImagingStudy.ImagingStudySeriesComponent candidates = study.getSeries().stream()
                .filter(s -> s.getUid().equals(session.segSeriesUid())).findFirst().orElseThrow();
        assertThat(candidates.getInstance()).extracting(i -> i.getNumber())
                .containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(candidates.getNumberOfInstances()).isEqualTo(ROUNDS);
        assertThat(study.getNumberOfSeries()).isEqualTo(3);
        assertThat(study.getNumberOfInstances()).isEqualTo(3 + ROUNDS + 1);
        assertThat(search("Provenance?_tag=" + RecordTags.SESSION + "%7C" + session.sessionId()))
                .hasSize(ROUNDS + 1);
    }

    @Test
    void refusesAMergeIntoAVersionOfTheImagingStudyThatIsNoLongerCurrentAndMergesIntoTheCurrentOneInstead() {
        String studyUid = StudyFixtures.newStudyUid();
        SessionFixtures session = new SessionFixtures(studyUid, "session-" + studyUid, SessionFixtures.DR_RIVERA,
                CandidatesFixtures.MODEL, StudyFixtures.T0, 1);
        RecordTransactionWriter writer = new RecordTransactionWriter(client);
        writer.write(new StudyTransactionBuilder().transaction(StudyFixtures.event("evt-" + studyUid,
                StudyFixtures.ctChest(studyUid, 2))));
        ImagingStudy read = imagingStudies(studyUid).get(0);
        writer.write(new CandidatesTransactionBuilder().transaction(session.candidates(1)));
        RecordTransaction round2 = new CandidatesTransactionBuilder().transaction(session.candidates(2));

        assertThatThrownBy(() -> client.transaction().withBundle(round2.mergedInto(read)).execute())
                .as("If-Match on the version read before round 1 was merged")
                .isInstanceOfAny(ResourceVersionConflictException.class, PreconditionFailedException.class);
        writer.write(round2);

        ImagingStudy study = imagingStudies(studyUid).get(0);
        assertThat(study.getSeries()).extracting(ImagingStudy.ImagingStudySeriesComponent::getUid)
                .containsExactly(studyUid + ".1", session.segSeriesUid());
        assertThat(study.getSeries().get(1).getInstance()).extracting(i -> i.getUid())
                .containsExactly(session.segUid(1), session.segUid(2));
        assertThat(study.getNumberOfInstances()).isEqualTo(4);
    }

    private static Bundle searchBundle(String relativeUrl) {
        return client.search().byUrl(relativeUrl)
                .cacheControl(new CacheControlDirective().setNoCache(true))
                .returnBundle(Bundle.class).execute();
    }

    private static List<Bundle.BundleEntryComponent> search(String relativeUrl) {
        return searchBundle(relativeUrl).getEntry();
    }

    private static <T> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    private static void publish(EventEnvelope<StudyReceived> event) {
        publish(Topic.STUDY_RECEIVED, event);
    }

    private static void publish(Topic topic, EventEnvelope<?> event) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), event.subject(), CODEC.encodeBytes(event)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event.eventId(), e);
        }
    }

    private static List<ImagingStudy> imagingStudies(String studyUid) {
        Bundle bundle = client.search().forResource(ImagingStudy.class)
                .where(ImagingStudy.IDENTIFIER.exactly().systemAndIdentifier(DicomIdentifiers.DICOM_UID_SYSTEM,
                        DicomIdentifiers.oid(studyUid)))
                .cacheControl(new CacheControlDirective().setNoCache(true))
                .returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream().map(e -> (ImagingStudy) e.getResource()).toList();
    }

    /** The audit query "what happened to this study": AuditEvents whose entity is the ImagingStudy. */
    private static List<AuditEvent> importAudits(ImagingStudy study) {
        Bundle bundle = client.search().forResource(AuditEvent.class)
                .where(AuditEvent.ENTITY.hasId(study.getIdElement().toUnqualifiedVersionless()))
                .where(AuditEvent.TYPE.exactly().systemAndCode(DicomIdentifiers.DCM_SYSTEM, "110104"))
                .cacheControl(new CacheControlDirective().setNoCache(true))
                .returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
    }
}
