package org.spagateway.dicom.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.dicom.sender.StoreOutcome.Disposition;
import org.spagateway.test.harness.FreePorts;
import org.spagateway.test.harness.OrthancProcess;

/**
 * The C-STORE SCU against a real Orthanc on loopback. Orthanc logs at {@code verbose} level, which gives one
 * {@code Association Received from AET <calling AE>} line per association and one {@code Incoming Store request from
 * AET <calling AE>} line per C-STORE; tests that count them use a calling AE title of their own.
 */
class StoreScuIT {

    @TempDir
    static Path work;

    private static OrthancProcess orthanc;
    private static StoreScu scu;
    private static List<Path> files;

    @BeforeAll
    static void start() throws Exception {
        orthanc = OrthancProcess.start(work.resolve("orthanc"), "ORTHANC", null);
        orthanc.logLevel("verbose");
        scu = new StoreScu("SPA_GATEWAY", Duration.ofSeconds(20));
        GeneratedStudy study = new SyntheticStudyGenerator()
                .generate(StudySpec.of(DemoTask.CT, 20, 20250314L).withSize(64), work.resolve("study"));
        files = study.files();
    }

    @AfterAll
    static void stop() {
        if (scu != null) {
            scu.close();
        }
        if (orthanc != null) {
            orthanc.close();
        }
    }

    @Test
    void storesAnInstanceAndStoresItAgainHarmlessly() throws Exception {
        StoreDestination pacs = destination(orthanc.dicomPort());
        Path file = new SyntheticStudyGenerator()
                .generate(StudySpec.of(DemoTask.CT, 1, 20250315L).withSize(64), work.resolve("again")).files().get(0);
        AttributeList sent = read(file);
        String sopInstanceUid = Attribute.getSingleStringValueOrEmptyString(sent, TagFromName.SOPInstanceUID);
        int before = orthanc.instanceCount();

        StoreOutcome first = scu.store(file, pacs);
        int afterFirst = orthanc.instanceCount();
        StoreOutcome again = scu.store(file, pacs);

        assertThat(first.disposition()).isEqualTo(Disposition.STORED);
        assertThat(first.dimseStatus()).contains(0);
        assertThat(again.stored()).isTrue();
        assertThat(afterFirst).as("the first C-STORE added one instance").isEqualTo(before + 1);
        assertThat(orthanc.instanceCount()).as("the second added none").isEqualTo(before + 1);
        String id = orthanc.instanceId(sopInstanceUid).orElseThrow(
                () -> new AssertionError("Orthanc holds no instance " + sopInstanceUid));
        assertThat(orthanc.changeCount("NewInstance", id)).as("Orthanc took in the instance once").isEqualTo(1);
        JsonNode stored = orthanc.getJson("/instances/" + id + "/simplified-tags");
        assertThat(stored.path("SOPInstanceUID").asText()).isEqualTo(sopInstanceUid);
        assertThat(stored.path("SOPClassUID").asText())
                .isEqualTo(Attribute.getSingleStringValueOrEmptyString(sent, TagFromName.SOPClassUID));
        assertThat(stored.path("Rows").asText()).isEqualTo("64");
        assertThat(stored.path("Columns").asText()).isEqualTo("64");
        JsonNode metadata = orthanc.getJson("/instances/" + id + "/metadata?expand");
        assertThat(metadata.path("Origin").asText()).as("received by C-STORE").isEqualTo("DicomProtocol");
        assertThat(metadata.path("RemoteAET").asText()).isEqualTo("SPA_GATEWAY");
    }

    @Test
    void sendsManyInstancesOneAssociationEach() throws Exception {
        StoreDestination pacs = destination(orthanc.dicomPort());

        try (StoreScu many = new StoreScu("SPA_MANY", Duration.ofSeconds(20))) {
            files.forEach(file -> assertThat(many.store(file, pacs).stored()).isTrue());
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(orthanc.logLines("Association Received from AET SPA_MANY on IP"))
                    .as("associations Orthanc accepted from SPA_MANY").hasSize(files.size());
            assertThat(orthanc.logLines("Incoming Store request from AET SPA_MANY on IP"))
                    .as("C-STOREs Orthanc received from SPA_MANY").hasSize(files.size());
        });
        for (Path file : files) {
            String sopInstanceUid = Attribute.getSingleStringValueOrEmptyString(read(file), TagFromName.SOPInstanceUID);
            assertThat(orthanc.instanceId(sopInstanceUid)).as(sopInstanceUid).isPresent();
        }
    }

    @Test
    void splitsALargeDataSetIntoPdusTheReceiverAccepts() throws Exception {
        // Orthanc offers a 16 KB Maximum Length: a 256x256 CT slice (~130 KB) must span several P-DATA-TF PDUs.
        Path large = new SyntheticStudyGenerator()
                .generate(StudySpec.of(DemoTask.CT, 1, 7L).withSize(256), work.resolve("large")).files().get(0);

        StoreOutcome outcome = scu.store(large, destination(orthanc.dicomPort()));

        assertThat(outcome.disposition()).as(outcome.detail()).isEqualTo(Disposition.STORED);
    }

    @Test
    void reportsAClosedPortAsRetriableConnectionRefused() {
        StoreOutcome outcome = scu.store(files.get(0), destination(FreePorts.find()));

        assertThat(outcome.disposition()).isEqualTo(Disposition.RETRIABLE);
        assertThat(outcome.failure()).contains(StoreFailure.CONNECTION_REFUSED);
    }

    @Test
    void reportsAMissingOrNonDicomFileAsPermanent() throws Exception {
        Path notDicom = Files.writeString(work.resolve("not-dicom.dcm"), "hello");

        StoreOutcome missing = scu.store(work.resolve("absent.dcm"), destination(orthanc.dicomPort()));
        StoreOutcome garbage = scu.store(notDicom, destination(orthanc.dicomPort()));

        assertThat(missing.disposition()).isEqualTo(Disposition.PERMANENT);
        assertThat(missing.failure()).contains(StoreFailure.FILE_UNREADABLE);
        assertThat(garbage.failure()).contains(StoreFailure.FILE_UNREADABLE);
    }

    private static AttributeList read(Path file) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file.toString());
        return list;
    }

    private static StoreDestination destination(int port) {
        return new StoreDestination("pacs", "ORTHANC", "127.0.0.1", port);
    }
}
