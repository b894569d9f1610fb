package org.spagateway.seg.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.SegmentationExported;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.Topic;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.CamelServices;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.dicom.sender.DicomStoreClient;
import org.spagateway.dicom.sender.StoreDestination;
import org.spagateway.dicom.sender.StoreOutcome;
import org.spagateway.dicom.sender.StoreScu;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.test.harness.FreePorts;
import org.spagateway.test.harness.OrthancProcess;
import org.spagateway.dicom.seg.ApprovedSegmentation;
import org.spagateway.dicom.seg.CandidateMask;
import org.spagateway.dicom.seg.CandidateSetSegmentation;
import org.spagateway.dicom.seg.ClinicianIdentity;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.dicom.seg.ModelIdentity;
import org.spagateway.dicom.seg.SegmentationEquipment;
import org.spagateway.dicom.seg.SegmentationWriter;
import org.spagateway.dicom.seg.WrittenSegmentation;
import org.spagateway.test.harness.TopicReader;
import org.spagateway.test.harness.ExampleEvents;

/**
 * The {@code seg-export} route with a real Kafka broker, a real Orthanc and SEGs written by the inference worker's
 * SegmentationWriter (each round's, and an approved session's final SEG). Two destinations: {@code pacs} (Orthanc)
 * and {@code nowhere} (a closed port), each with its own route and consumer group, so every record also shows that
 * a destination that is down never holds up the healthy one.
 */
class SegExportIT {

    private static final int SIZE = 64;
    private static final Pattern SOP_UID_TAG = Pattern.compile("\"SOPInstanceUID\"\\s*:\\s*\"([^\"]+)\"");
    private static final EventCodec CODEC = new EventCodec();

    @TempDir
    static Path work;

    private static EmbeddedKafkaBroker broker;
    private static OrthancProcess orthanc;
    private static CamelServices routes;
    private static TopicReader topics;
    private static CountingStoreClient client;
    private static GeneratedStudy ct;
    private static SessionLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        ledger = SessionLedgerConfig.embedded(work.resolve("ledger")).ledger();
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(work.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        topics = new TopicReader(broker.bootstrapServers());
        orthanc = OrthancProcess.start(work.resolve("orthanc"), "ORTHANC", null);
        ct = new SyntheticStudyGenerator().generate(StudySpec.of(DemoTask.CT, 1, 20261127L).withSize(SIZE),
                work.resolve("ct"));
        ExportConfig export = ExportConfig.from(ConfigSource.of(Map.ofEntries(
                Map.entry("spa.export.destinations", "pacs,nowhere"),
                Map.entry("spa.export.destination.pacs.ae-title", "ORTHANC"),
                Map.entry("spa.export.destination.pacs.host", "127.0.0.1"),
                Map.entry("spa.export.destination.pacs.port", String.valueOf(orthanc.dicomPort())),
                Map.entry("spa.export.destination.nowhere.ae-title", "NOWHERE"),
                Map.entry("spa.export.destination.nowhere.host", "127.0.0.1"),
                Map.entry("spa.export.destination.nowhere.port", String.valueOf(FreePorts.find())),
                Map.entry("spa.export.retry.max-attempts", "8"),
                Map.entry("spa.export.retry.initial-delay", "100ms"),
                Map.entry("spa.export.retry.max-delay", "1s"),
                Map.entry("spa.export.store-timeout", "10s"))));
        StoreScu scu = new StoreScu(export.callingAeTitle(), export.storeTimeout());
        client = new CountingStoreClient(scu);
        routes = CamelServices.start("spa-export", KafkaConfig.forBootstrapServers(broker.bootstrapServers()),
                List.of(new SegExport(export, ledger.artifacts(), (file, sopInstanceUid, destination, traceparent)
                        -> client.store(file, sopInstanceUid, ((CStoreDestination) destination).scp()), scu, CODEC,
                        Clock.systemUTC())));
    }

    @AfterAll
    static void stop() {
        if (routes != null) {
            routes.close();
        }
        if (orthanc != null) {
            orthanc.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    /**
     * The handler keeps no record of what it exported: a redelivered event sends the SEG again, and what makes that
     * harmless is what it documents, the SEG's fixed SOP Instance UID (the PACS finds the instance already stored) and
     * an exported event id derived from the source event's (a consumer deduplicating on it sees one export).
     */
    @Test
    void storesTheSegInOrthancExactlyOnceEvenWhenTheEventIsDeliveredTwice() throws Exception {
        EventEnvelope<CandidatesReady> event = candidatesReady("session-twice");
        String sopUid = event.data().segmentation().sopInstanceUid();

        publish(event);
        publish(event);

        List<EventEnvelope<SegmentationExported>> exported = awaitExportedEvents("session-twice", 2);
        assertThat(exported).extracting(e -> e.data().sopInstanceUid()).containsOnly(sopUid);
        assertThat(exported).extracting(e -> e.data().destination()).containsOnly("pacs");
        assertThat(exported.get(1).eventId()).as("the redelivery's SegmentationExported repeats the first's event id")
                .isEqualTo(exported.get(0).eventId())
                .isNotEqualTo(event.eventId());
        assertThat(client.pacsOutcomes(sopUid)).as("one C-STORE of the SEG per delivery, each acknowledged with Success")
                .hasSize(2)
                .allSatisfy(outcome -> assertThat(outcome.dimseStatus()).contains(0));
        String orthancId = orthanc.instanceId(sopUid).orElseThrow(
                () -> new AssertionError("Orthanc holds no instance " + sopUid));
        assertThat(orthanc.changeCount("NewInstance", orthancId))
                .as("Orthanc took the SEG in once: the second C-STORE found it already stored").isEqualTo(1);
        assertThat(orthancSopInstanceUids()).filteredOn(sopUid::equals).hasSize(1);
        assertThat(orthanc.get("/series?expand")).contains(event.data().segmentation().seriesInstanceUid());
    }

    @Test
    void retriesWhileOrthancIsStoppedAndDeliversOnceItIsBack() throws Exception {
        EventEnvelope<CandidatesReady> event = candidatesReady("session-outage");
        String sopUid = event.data().segmentation().sopInstanceUid();
        orthanc.stop();
        int failuresBefore = client.pacsFailures.get();
        try {
            publish(event);
            waitFor().until(() -> client.pacsFailures.get() >= failuresBefore + 2);
        } finally {
            orthanc.restart();
        }

        SegmentationExported exported = awaitExported("session-outage", 1).get(0);
        assertThat(exported.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(orthancSopInstanceUids()).filteredOn(sopUid::equals).hasSize(1);
    }

    @Test
    void aDestinationThatIsDownIsTriedAgainFromKafkaWithoutLimitAndNeverHoldsUpTheOthers() throws Exception {
        EventEnvelope<CandidatesReady> event = candidatesReady("session-unreachable");

        publish(event);

        assertThat(awaitExported("session-unreachable", 1)).extracting(SegmentationExported::destination)
                .containsExactly("pacs");
        // Eight attempts make one delivery: more than twice that at one SEG means it was consumed again, twice.
        waitFor().until(() -> client.mostAttemptsAtOneSegToNowhere(), attempts -> attempts > 16);
        assertThat(topics.readAll(Topic.DEAD_LETTER.name())).as("no dead letter for a destination that is down")
                .noneMatch(dead -> "nowhere".equals(header(dead, DeadLetterHeaders.DESTINATION)));
    }

    @Test
    void storesTheFinalSegOfAnApprovedSessionInOrthancWithTheApprovedRound() throws Exception {
        EventEnvelope<SessionApproved> event = sessionApproved("session-approved", 3);
        String sopUid = event.data().segmentation().sopInstanceUid();

        publish(Topic.SESSION_APPROVED, event);

        List<SegmentationExported> exported = awaitExported("session-approved", 1);
        assertThat(exported.get(0).round()).isEqualTo(3);
        assertThat(exported.get(0).sopInstanceUid()).isEqualTo(sopUid);
        assertThat(exported.get(0).seriesInstanceUid()).isEqualTo(event.data().segmentation().seriesInstanceUid());
        assertThat(orthancSopInstanceUids()).filteredOn(sopUid::equals).hasSize(1);
    }

    /** A SessionApproved for a freshly written final SEG of {@code sessionId}, approving {@code round}. */
    private static EventEnvelope<SessionApproved> sessionApproved(String sessionId, int round) throws Exception {
        Path source = ct.files().get(0);
        ApprovedSegmentation approved = new ApprovedSegmentation(sessionId, round,
                new ModelIdentity("spa-unet-small", "1.2.0"), "ct-lung-nodule", "recommendation of round " + round,
                disc(SIZE / 2.0, SIZE / 2.0, 9), new ClinicianIdentity("dr-rivera", "Rivera^Ana^^Dr"),
                Instant.parse("2026-11-27T10:18:40Z"));
        WrittenSegmentation seg = new SegmentationWriter(SegmentationEquipment.defaults())
                .writeFinal(approved, source, Files.createDirectories(work.resolve("seg").resolve(sessionId)));
        String sourceUid = source.getFileName().toString().replace(".dcm", "");
        InstanceReference sourceReference = new InstanceReference(sourceUid, ct.sopClassUid(),
                "1.2.840.10008.1.2.1", source.toUri().toString(), Files.size(source));
        ledger.artifacts().saveSegmentation(seg.sopInstanceUid(), sessionId, round, Files.readAllBytes(seg.file()));
        return ExampleEvents.approvedEvent(ExampleEvents.sessionApproved(sessionId, round, seg.studyInstanceUid(),
                seg.seriesInstanceUid(), seg.sopInstanceUid(), seg.file(), Files.size(seg.file()), sourceReference));
    }

    /** A CandidatesReady for a freshly written SEG of round 1 of {@code sessionId} on the synthetic CT. */
    private static EventEnvelope<CandidatesReady> candidatesReady(String sessionId) throws Exception {
        Path source = ct.files().get(0);
        List<CandidateMask> candidates = new ArrayList<>();
        int[] represented = {20, 14, 9, 5};
        for (int rank = 1; rank <= 4; rank++) {
            candidates.add(new CandidateMask(rank, disc(SIZE / 2.0 + rank, SIZE / 2.0, 6 + rank), represented[rank - 1]));
        }
        CandidateSetSegmentation round = new CandidateSetSegmentation(sessionId, 1,
                new ModelIdentity("spa-unet-small", "1.2.0"), "ct-lung-nodule", false, disc(SIZE / 2.0, SIZE / 2.0, 8),
                candidates, 48, Instant.parse("2026-11-27T10:15:30Z"));
        WrittenSegmentation seg = new SegmentationWriter(SegmentationEquipment.defaults())
                .write(round, source, Files.createDirectories(work.resolve("seg").resolve(sessionId)));
        String sourceUid = source.getFileName().toString().replace(".dcm", "");
        InstanceReference sourceReference = new InstanceReference(sourceUid, ct.sopClassUid(),
                "1.2.840.10008.1.2.1", source.toUri().toString(), Files.size(source));
        ledger.artifacts().saveSegmentation(seg.sopInstanceUid(), sessionId, 1, Files.readAllBytes(seg.file()));
        CandidatesReady ready = ExampleEvents.candidatesReady(sessionId, seg.studyInstanceUid(),
                seg.seriesInstanceUid(), seg.sopInstanceUid(), seg.file(), Files.size(seg.file()), sourceReference);
        return ExampleEvents.event(ready);
    }

    private static MaskGrid disc(double cx, double cy, double radius) {
        boolean[] pixels = new boolean[SIZE * SIZE];
        for (int row = 0; row < SIZE; row++) {
            for (int column = 0; column < SIZE; column++) {
                double dx = column - cx;
                double dy = row - cy;
                pixels[row * SIZE + column] = dx * dx + dy * dy <= radius * radius;
            }
        }
        return MaskGrid.of(SIZE, SIZE, pixels);
    }

    private static void publish(EventEnvelope<CandidatesReady> event) throws Exception {
        publish(Topic.CANDIDATES_READY, event);
    }

    private static void publish(Topic topic, EventEnvelope<?> event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), event.subject(), CODEC.encodeBytes(event))).get();
        }
    }

    private static List<SegmentationExported> awaitExported(String sessionId, int count) {
        return awaitExportedEvents(sessionId, count).stream().map(EventEnvelope::data).toList();
    }

    private static List<EventEnvelope<SegmentationExported>> awaitExportedEvents(String sessionId, int count) {
        List<ConsumerRecord<String, byte[]>> records = waitFor().until(
                () -> topics.records(Topic.SEGMENTATION_EXPORTED.name(), sessionId), r -> r.size() >= count);
        assertThat(records).hasSize(count);
        return records.stream().map(r -> CODEC.<SegmentationExported>decode(
                new String(r.value(), StandardCharsets.UTF_8), EventType.SEGMENTATION_EXPORTED)).toList();
    }

    /** SOP Instance UIDs of every instance Orthanc holds, from its REST API. */
    private static List<String> orthancSopInstanceUids() throws Exception {
        Matcher uids = SOP_UID_TAG.matcher(orthanc.get("/instances?expand"));
        List<String> found = new ArrayList<>();
        while (uids.find()) {
            found.add(uids.group(1));
        }
        return found;
    }

    private static ConditionFactory waitFor() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The real SCU, counting the failed attempts at Orthanc and keeping every outcome there per SEG sent. */
    private static final class CountingStoreClient {
        private final DicomStoreClient delegate;
        final AtomicInteger pacsFailures = new AtomicInteger();
        private final Map<String, AtomicInteger> nowhereAttempts = new ConcurrentHashMap<>();
        private final Map<String, List<StoreOutcome>> pacsOutcomes = new ConcurrentHashMap<>();

        CountingStoreClient(DicomStoreClient delegate) {
            this.delegate = delegate;
        }

        StoreOutcome store(Path part10File, String sopInstanceUid, StoreDestination destination) {
            StoreOutcome outcome = delegate.store(part10File, destination);
            if (destination.name().equals("nowhere")) {
                nowhereAttempts.computeIfAbsent(sopInstanceUid, uid -> new AtomicInteger()).incrementAndGet();
            }
            if (destination.name().equals("pacs")) {
                pacsOutcomes.computeIfAbsent(sopInstanceUid, uid -> new CopyOnWriteArrayList<>()).add(outcome);
                if (!outcome.stored()) {
                    pacsFailures.incrementAndGet();
                }
            }
            return outcome;
        }

        /** The most C-STOREs to {@code nowhere} of any one SEG. */
        int mostAttemptsAtOneSegToNowhere() {
            return nowhereAttempts.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
        }

        /** Every outcome of a C-STORE of the SEG {@code sopInstanceUid} to {@code pacs}, in order. */
        List<StoreOutcome> pacsOutcomes(String sopInstanceUid) {
            return List.copyOf(pacsOutcomes.getOrDefault(sopInstanceUid, List.of()));
        }
    }
}
