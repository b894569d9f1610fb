package org.spagateway.seg.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.sender.StoreFailure;
import org.spagateway.dicom.sender.StoreScu;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.ExportOutcome;
import org.spagateway.events.SegmentationExported;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.CamelServices;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.test.harness.DcmjsSegCheck;
import org.spagateway.test.harness.ExampleEvents;
import org.spagateway.test.harness.OrthancProcess;

/**
 * The {@code seg-export} route exporting by STOW-RS to a real Orthanc 1.10.1 with its DICOMweb plugin (Debian
 * {@code orthanc-dicomweb} 1.7), behind HTTP Basic authentication, with a real Kafka broker and SEGs written by the
 * project's SegmentationWriter. Two destinations: {@code web} (Orthanc's {@code /dicom-web}, right credentials) and
 * {@code locked} (the same server, a wrong password: every SEG is refused with 401). What Orthanc holds is read back
 * through its REST API, QIDO-RS and WADO-RS, and the SEG retrieved by WADO-RS is read by dcmjs, the parser behind
 * OHIF's SEG support, as a DICOMweb viewer would read it.
 */
class SegExportStowRsIT {

    private static final EventCodec CODEC = new EventCodec();
    private static final OrthancProcess.HttpUser USER = new OrthancProcess.HttpUser("spa", "stow-secret");

    @TempDir
    static Path work;

    private static EmbeddedKafkaBroker broker;
    private static OrthancProcess orthanc;
    private static CamelServices routes;
    private static ExportTopics topics;
    private static RecordingSender sender;
    private static WrittenRounds rounds;
    private static SessionLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        DcmjsSegCheck.fromSystemProperty("../../scripts/dcmjs").requireInstalled();
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(work.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        topics = new ExportTopics(broker.bootstrapServers());
        orthanc = OrthancProcess.startWithDicomWeb(work.resolve("orthanc"), "ORTHANC", USER);
        ledger = SessionLedgerConfig.embedded(work.resolve("ledger")).ledger();
        rounds = WrittenRounds.generate(work, 20261207L, ledger.artifacts());
        String url = orthanc.dicomWebUrl().toString();
        ExportConfig export = ExportConfig.from(ConfigSource.of(Map.ofEntries(
                Map.entry("spa.export.destinations", "web,locked"),
                Map.entry("spa.export.destination.web.stow-url", url),
                Map.entry("spa.export.destination.web.ae-title", "ORTHANC"),
                Map.entry("spa.export.destination.web.username", USER.username()),
                Map.entry("spa.export.destination.web.password", USER.password()),
                Map.entry("spa.export.destination.locked.stow-url", url),
                Map.entry("spa.export.destination.locked.username", USER.username()),
                Map.entry("spa.export.destination.locked.password", "not-the-password"),
                Map.entry("spa.export.retry.max-attempts", "4"),
                Map.entry("spa.export.retry.initial-delay", "100ms"),
                Map.entry("spa.export.retry.max-delay", "1s"),
                Map.entry("spa.export.store-timeout", "10s"))));
        StoreScu scu = new StoreScu(export.callingAeTitle(), export.storeTimeout());
        StowRsClient stowRs = SegExport.newStowRsClient(export);
        sender = new RecordingSender(new TransportSender(scu, stowRs));
        routes = CamelServices.start("spa-export", KafkaConfig.forBootstrapServers(broker.bootstrapServers()),
                List.of(new SegExport(export, ledger.artifacts(), sender, () -> {
                    try {
                        stowRs.close();
                    } finally {
                        scu.close();
                    }
                }, CODEC, Clock.systemUTC())));
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

    @Test
    void storesTheSegInOrthancByStowRsAndASecondExportOfTheSameSegIsHarmless() throws Exception {
        WrittenRounds.Round round = rounds.round("session-stow-twice");
        EventEnvelope<CandidatesReady> event = round.event();
        String studyUid = event.data().studyInstanceUid();
        String seriesUid = event.data().segmentation().seriesInstanceUid();
        String sopUid = event.data().segmentation().sopInstanceUid();

        topics.publish(event);
        topics.publish(event);

        List<EventEnvelope<SegmentationExported>> exported = topics.awaitExported("session-stow-twice", 2);
        assertThat(exported).extracting(e -> e.data().destination()).containsOnly("web");
        assertThat(exported).extracting(e -> e.data().destinationAeTitle()).containsOnly("ORTHANC");
        assertThat(exported).extracting(e -> e.data().sopInstanceUid()).containsOnly(sopUid);
        assertThat(exported).extracting(e -> e.data().outcome()).containsOnly(ExportOutcome.STORED);
        assertThat(exported).extracting(e -> e.data().dimseStatus()).containsOnly(0);
        assertThat(exported.get(1).eventId()).as("the redelivery's SegmentationExported repeats the first's id")
                .isEqualTo(exported.get(0).eventId());
        assertThat(sender.outcomes("web", round.seg().sopInstanceUid())).as("one STOW-RS per delivery, each answered stored")
                .hasSize(2).allSatisfy(outcome -> assertThat(outcome.stored()).isTrue());

        String orthancId = orthanc.instanceId(sopUid).orElseThrow(
                () -> new AssertionError("Orthanc holds no instance with the SEG's SOP Instance UID"));
        assertThat(orthanc.changeCount("NewInstance", orthancId))
                .as("Orthanc took the SEG in once: the second STOW-RS found it already stored").isEqualTo(1);
        JsonNode instances = orthanc.getJson("/dicom-web/studies/" + studyUid + "/series/" + seriesUid
                + "/instances");
        assertThat(instances).as("QIDO-RS lists the SEG once in its study and series").hasSize(1);
        assertThat(instances.get(0).path("00080018").path("Value").path(0).asText()).isEqualTo(sopUid);
        assertThat(instances.get(0).path("0020000D").path("Value").path(0).asText()).isEqualTo(studyUid);
        assertThat(instances.get(0).path("00080016").path("Value").path(0).asText())
                .isEqualTo(ExampleEvents.SEGMENTATION_STORAGE);
    }

    /** What OHIF does with Orthanc's DICOMweb: retrieve the SEG by WADO-RS and read it with dcmjs. */
    @Test
    void theSegRetrievedFromOrthancByWadoRsIsReadByDcmjsWithEveryCandidatesPixels() throws Exception {
        WrittenRounds.Round round = rounds.round("session-stow-wado");
        EventEnvelope<CandidatesReady> event = round.event();
        topics.publish(event);
        topics.awaitExported("session-stow-wado", 1);

        byte[] retrieved = orthanc.retrieveInstance(event.data().studyInstanceUid(),
                event.data().segmentation().seriesInstanceUid(), event.data().segmentation().sopInstanceUid());
        Path file = Files.write(work.resolve("retrieved-" + event.data().segmentation().sopInstanceUid() + ".dcm"),
                retrieved);
        JsonNode dcmjs = DcmjsSegCheck.fromSystemProperty("../../scripts/dcmjs").check(file, round.source());

        assertThat(retrieved).as("Orthanc gives back the bytes it was sent")
                .isEqualTo(Files.readAllBytes(round.seg().file()));
        assertThat(dcmjs.path("segmentationType").asText()).isEqualTo("BINARY");
        assertThat(dcmjs.path("segmentCount").asInt()).isEqualTo(round.masks().size());
        for (int i = 0; i < round.masks().size(); i++) {
            JsonNode segment = dcmjs.path("segments").get(i);
            assertThat(segment.path("number").asInt()).isEqualTo(i + 1);
            assertThat(segment.path("pixelCount").asInt()).as("pixels of segment %d", i + 1)
                    .isEqualTo(round.masks().get(i).count());
        }
        assertThat(dcmjs.path("segments").get(0).path("label").asText()).isEqualTo("Recommended (round 1)");
    }

    @Test
    void retriesWhileOrthancIsDownNeverDeadLettersAndDeliversOnceItIsBack() throws Exception {
        EventEnvelope<CandidatesReady> event = rounds.round("session-stow-outage").event();
        String sopUid = event.data().segmentation().sopInstanceUid();
        orthanc.stop();
        try {
            topics.publish(event);
            ExportTopics.waitFor().until(() -> sender.failures("web", StoreFailure.CONNECTION_REFUSED) >= 6);
        } finally {
            orthanc.restart();
        }

        SegmentationExported exported = topics.awaitExported("session-stow-outage", 1).get(0).data();
        assertThat(exported.destination()).isEqualTo("web");
        assertThat(orthanc.instanceId(sopUid)).isPresent();
        assertThat(topics.records(Topic.DEAD_LETTER, "session-stow-outage"))
                .as("no dead letter for the destination that was down")
                .noneMatch(dead -> "web".equals(ExportTopics.header(dead, DeadLetterHeaders.DESTINATION)));
    }

    @Test
    void aSegOrthancRefusesAndCredentialsItRefusesAreDeadLetteredWithTheirReasons() throws Exception {
        WrittenRounds.Round round = rounds.roundNotStored("session-stow-refused");
        // Half a SEG, as a crash mid-write would leave it: Orthanc cannot parse it and answers 400.
        byte[] whole = Files.readAllBytes(round.seg().file());
        ledger.artifacts().saveSegmentation(round.seg().sopInstanceUid(), "session-stow-refused", 1,
                Arrays.copyOf(whole, whole.length / 2));
        Path half = Files.write(work.resolve("half-" + round.seg().file().getFileName()),
                Arrays.copyOf(whole, whole.length / 2));
        CandidatesReady ready = round.event().data();
        EventEnvelope<CandidatesReady> event = ExampleEvents.event(ExampleEvents.candidatesReady(ready.sessionId(),
                ready.studyInstanceUid(), ready.segmentation().seriesInstanceUid(),
                ready.segmentation().sopInstanceUid(), half, Files.size(half), round.sourceReference()));

        topics.publish(event);

        List<ConsumerRecord<String, byte[]>> dead = ExportTopics.waitFor().until(
                () -> topics.records(Topic.DEAD_LETTER, "session-stow-refused"), records -> records.size() >= 2);
        assertThat(dead).hasSize(2).allSatisfy(record -> {
            assertThat(ExportTopics.header(record, DeadLetterHeaders.REASON_CODE))
                    .isEqualTo(SegmentationExportHandler.EXPORT_REJECTED);
            assertThat(ExportTopics.header(record, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
            assertThat(record.value()).isEqualTo(CODEC.encodeBytes(event));
        });
        assertThat(dead).filteredOn(record -> "web".equals(ExportTopics.header(record, DeadLetterHeaders.DESTINATION)))
                .singleElement().satisfies(record -> assertThat(ExportTopics.header(record, DeadLetterHeaders.REASON))
                        .contains("HTTP_REFUSED").contains("HTTP 400"));
        assertThat(dead).filteredOn(record -> "locked".equals(ExportTopics.header(record, DeadLetterHeaders.DESTINATION)))
                .singleElement().satisfies(record -> assertThat(ExportTopics.header(record, DeadLetterHeaders.REASON))
                        .contains("HTTP 401"));
        assertThat(topics.records(Topic.SEGMENTATION_EXPORTED, "session-stow-refused")).isEmpty();
        assertThat(orthanc.instanceId(ready.segmentation().sopInstanceUid())).isEmpty();
    }
}
