package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.PresentationContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.CompletionReason;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.SeriesReference;
import org.spagateway.events.StudyReceived;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;

/** The listener over real sockets on 127.0.0.1, driven by dcmtk's echoscu and storescu. */
class DicomListenerIT {

    private static final String AE = "SPA_GATEWAY";
    private static final String HOST = "127.0.0.1";
    private static final String OP_8_BIT = "1.2.840.10008.5.1.4.1.1.77.1.5.1";

    @TempDir
    Path storage;
    @TempDir
    Path studies;
    private final List<EventEnvelope<StudyReceived>> events = new CopyOnWriteArrayList<>();
    private final SyntheticStudyGenerator generator = new SyntheticStudyGenerator();
    private DicomListener listener;

    @BeforeAll
    static void requireDcmtk() {
        Dcmtk.requireInstalled("storescu", "echoscu");
    }

    @AfterEach
    void stopListener() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void answersEchoFromAKnownCallingAe() throws IOException {
        start(Map.of());

        Dcmtk.Result echo = Dcmtk.echoscu("ECHOSCU", AE, HOST, listener.port());

        assertThat(echo.succeeded()).as(echo.output()).isTrue();
    }

    @Test
    void storesAStudyAndPublishesExactlyOneStudyReceived() throws IOException {
        start(Map.of("spa.listener.completeness.quiet-period", "1s"));
        GeneratedStudy study = generate(StudySpec.of(DemoTask.CT, 4, 11).withDeclaredStudySize(false));

        Dcmtk.Result store = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), study.files());

        assertThat(store.succeeded()).as(store.output()).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> events.size() == 1);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
        EventEnvelope<StudyReceived> event = events.get(0);
        assertThat(event.type()).isEqualTo(EventType.STUDY_RECEIVED.typeName());
        assertThat(event.source()).isEqualTo("/spa-gateway/dicom-listener/" + AE);
        assertThat(event.subject()).isEqualTo(study.studyInstanceUid());
        assertThat(new EventCodec().validate(new EventCodec().encode(event), EventType.STUDY_RECEIVED)).isEmpty();
        StudyReceived data = event.data();
        assertThat(data.studyInstanceUid()).isEqualTo(study.studyInstanceUid());
        assertThat(data.version()).isEqualTo(1);
        assertThat(data.callingAeTitle()).isEqualTo("STORESCU");
        assertThat(data.calledAeTitle()).isEqualTo(AE);
        assertThat(data.instanceCount()).isEqualTo(4);
        assertThat(data.addedInstanceCount()).isEqualTo(4);
        assertThat(data.completionReason()).isEqualTo(CompletionReason.QUIET_PERIOD);
        assertThat(data.modalities()).containsExactly("CT");
        assertThat(data.series()).singleElement().satisfies(series -> {
            assertThat(series.seriesInstanceUid()).isEqualTo(study.seriesInstanceUid());
            assertThat(series.instances()).hasSize(4)
                    .allSatisfy(i -> assertThat(i.sopClassUid()).isEqualTo(study.sopClassUid()));
        });
        for (Path sent : study.files()) {
            assertThat(storedDatasetOf(data, sent)).isEqualTo(datasetOf(sent));
        }
        assertThat(partFiles()).isEmpty();
        // The patient only as the pseudonym under the configured key; the ID itself is in no part of the event.
        String patientId = patientIdOf(study.files().get(0));
        assertThat(data.patientPseudonym()).isEqualTo(TestDatasets.PSEUDONYMS.of(null, patientId,
                study.studyInstanceUid()));
        assertThat(new EventCodec().encode(event)).doesNotContain(patientId);
    }

    private static String patientIdOf(Path file) throws IOException {
        AttributeList list = new AttributeList();
        try {
            list.read(file.toString());
        } catch (DicomException e) {
            throw new IOException(e);
        }
        return Attribute.getSingleStringValueOrNull(list, TagFromName.PatientID);
    }

    @Test
    void rejectsAnUnknownCallingAeAtAssociation() throws IOException {
        start(Map.of());

        Dcmtk.Result echo = Dcmtk.echoscu("STRANGER", AE, HOST, listener.port());
        Dcmtk.Result store = Dcmtk.storescu("STRANGER", AE, HOST, listener.port(),
                generate(StudySpec.of(DemoTask.CT, 1, 12)).files());

        assertThat(echo.succeeded()).isFalse();
        assertThat(echo.output()).containsIgnoringCase("Calling AE Title Not Recognized");
        assertThat(store.succeeded()).isFalse();
        assertThat(store.output()).containsIgnoringCase("Calling AE Title Not Recognized");
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void rejectsAWrongCalledAeTitle() throws IOException {
        start(Map.of());

        Dcmtk.Result echo = Dcmtk.echoscu("ECHOSCU", "NOT_US", HOST, listener.port());

        assertThat(echo.succeeded()).isFalse();
        assertThat(echo.output()).containsIgnoringCase("Called AE Title Not Recognized");
    }

    @Test
    void refusesAnUnusedSopClassAtNegotiationWhenThePolicySaysRefuse() throws IOException {
        start(Map.of("spa.listener.sop-classes", OP_8_BIT, "spa.listener.unused-sop-classes", "refuse"));
        GeneratedStudy ct = generate(StudySpec.of(DemoTask.CT, 1, 13));

        Dcmtk.Result store = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), ct.files(), "-R");

        assertThat(store.succeeded()).as(store.output()).isFalse();
        assertThat(store.output()).containsIgnoringCase("No Acceptable Presentation Contexts");
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void discardsAnUnusedSopClassWithSuccessAndAnnouncesNothing() throws IOException {
        start(Map.of("spa.listener.sop-classes", OP_8_BIT, "spa.listener.completeness.quiet-period", "500ms"));
        GeneratedStudy ct = generate(StudySpec.of(DemoTask.CT, 2, 16));
        GeneratedStudy fundus = generate(StudySpec.of(DemoTask.FUNDUS, 1, 17));

        Dcmtk.Result ignored = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), ct.files(), "-R");
        Dcmtk.Result used = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), fundus.files(), "-R");

        assertThat(ignored.succeeded()).as(ignored.output()).isTrue();
        assertThat(used.succeeded()).as(used.output()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
        assertThat(events.get(0).data().studyInstanceUid()).isEqualTo(fundus.studyInstanceUid());
        assertThat(listener.ignoredInstances()).containsExactly(Map.entry(ct.sopClassUid(), 2L));
        assertThat(storedFiles()).hasSize(1);
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void keepsAnUnusedSopClassApartWhenThePolicySaysStore() throws IOException {
        start(Map.of("spa.listener.sop-classes", OP_8_BIT, "spa.listener.unused-sop-classes", "store",
                "spa.listener.completeness.quiet-period", "500ms"));
        GeneratedStudy ct = generate(StudySpec.of(DemoTask.CT, 2, 18));

        Dcmtk.Result store = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), ct.files(), "-R");

        assertThat(store.succeeded()).as(store.output()).isTrue();
        assertThat(listener.ignoredInstances()).containsExactly(Map.entry(ct.sopClassUid(), 2L));
        assertThat(storedFiles()).hasSize(2)
                .allSatisfy(file -> assertThat(file).startsWith(storage.resolve(IgnoredInstances.UNUSED)));
        for (Path sent : ct.files()) {
            String sop = TestDatasets.headerReader().read(sent).sopInstanceUid();
            Path kept = storedFiles().stream().filter(p -> p.getFileName().toString().equals(sop + ".dcm"))
                    .findFirst().orElseThrow();
            assertThat(datasetOf(kept)).isEqualTo(datasetOf(sent));
        }
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(events::isEmpty);
    }

    @Test
    void completesAnExpectedCountStudyWithoutWaitingForTheQuietPeriod() throws IOException {
        start(Map.of("spa.listener.completeness.quiet-period", "10m"));
        GeneratedStudy study = generate(StudySpec.of(DemoTask.CT, 3, 14));

        Dcmtk.Result store = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), study.files());

        assertThat(store.succeeded()).as(store.output()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
        assertThat(events.get(0).data().completionReason()).isEqualTo(CompletionReason.EXPECTED_COUNT);
        assertThat(events.get(0).data().instanceCount()).isEqualTo(3);
    }

    @Test
    void completesAFundusStudyByTheModalityRule() throws IOException {
        start(Map.of("spa.listener.completeness.quiet-period", "10m",
                "spa.listener.completeness.expected-count.modality.OP", "1"));
        GeneratedStudy fundus = generate(StudySpec.of(DemoTask.FUNDUS, 1, 15).withDeclaredStudySize(false));

        Dcmtk.Result store = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), fundus.files());

        assertThat(store.succeeded()).as(store.output()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
        assertThat(events.get(0).data().completionReason()).isEqualTo(CompletionReason.EXPECTED_COUNT_RULE);
        assertThat(events.get(0).data().modalities()).containsExactly("OP");
    }

    @Test
    void turnsALateInstanceIntoStudyReceivedVersionTwo() throws IOException {
        start(Map.of("spa.listener.completeness.quiet-period", "1s"));
        GeneratedStudy first = generate(StudySpec.of(DemoTask.CT, 2, 16));
        assertThat(Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), first.files()).succeeded()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);

        GeneratedStudy late = generate(StudySpec.of(DemoTask.CT, 1, 17).withDeclaredStudySize(false)
                .withStudyInstanceUid(first.studyInstanceUid()));
        assertThat(Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), late.files()).succeeded()).isTrue();

        await().atMost(Duration.ofSeconds(15)).until(() -> events.size() == 2);
        StudyReceived second = events.get(1).data();
        assertThat(second.studyInstanceUid()).isEqualTo(first.studyInstanceUid());
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.instanceCount()).isEqualTo(3);
        assertThat(second.addedInstanceCount()).isEqualTo(1);
        assertThat(second.series()).extracting(SeriesReference::seriesInstanceUid, SeriesReference::addedInstanceCount)
                .containsExactlyInAnyOrder(tuple(first.seriesInstanceUid(), 0), tuple(late.seriesInstanceUid(), 1));
        assertThat(events.get(1).correlationId()).isNotEqualTo(events.get(0).correlationId());
    }

    @Test
    void storesByteIdenticalInstancesWithFsyncTurnedOff() throws IOException {
        start(Map.of("spa.listener.completeness.quiet-period", "10m", "spa.listener.storage.fsync", "false"));
        GeneratedStudy study = generate(StudySpec.of(DemoTask.CT, 3, 20));

        Dcmtk.Result store = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), study.files());

        assertThat(store.succeeded()).as(store.output()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
        for (Path sent : study.files()) {
            assertThat(storedDatasetOf(events.get(0).data(), sent)).isEqualTo(datasetOf(sent));
        }
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void ignoresAnIdenticalResend() throws IOException {
        start(Map.of("spa.listener.completeness.quiet-period", "1s"));
        GeneratedStudy study = generate(StudySpec.of(DemoTask.CT, 2, 18));
        assertThat(Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), study.files()).succeeded()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);

        Dcmtk.Result again = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), study.files());

        assertThat(again.succeeded()).as(again.output()).isTrue();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> events.size() == 1 && listener.pendingStudyCount() == 0);
        assertThat(storedFiles()).hasSize(2);
    }

    @Test
    void rejectsAssociationsBeyondTheLimit() throws Exception {
        start(Map.of("spa.listener.max-associations", "1"));
        LinkedList<PresentationContext> contexts = new LinkedList<>();
        contexts.add(new PresentationContext((byte) 1, StorageSopClasses.VERIFICATION, "1.2.840.10008.1.2"));
        Association held = AssociationFactory.createNewAssociation(HOST, listener.port(), AE, "ECHOSCU", contexts,
                null, false);
        try {
            Dcmtk.Result echo = Dcmtk.echoscu("ECHOSCU", AE, HOST, listener.port());

            assertThat(echo.succeeded()).isFalse();
            assertThat(echo.output()).containsIgnoringCase("Local Limit Exceeded");
        } finally {
            held.release();
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Dcmtk.echoscu("ECHOSCU", AE, HOST, listener.port()).succeeded());
    }

    @Test
    void keepsRetryingWhenTheSinkFails() throws IOException {
        List<EventEnvelope<StudyReceived>> delivered = new CopyOnWriteArrayList<>();
        int[] failures = {0};
        StudyReceivedSink flaky = event -> {
            if (failures[0]++ < 2) {
                throw new IllegalStateException("broker down");
            }
            delivered.add(event);
        };
        startWith(Map.of("spa.listener.completeness.quiet-period", "10m",
                "spa.listener.publish.retry-initial", "50ms"), flaky);
        GeneratedStudy study = generate(StudySpec.of(DemoTask.CT, 1, 19));

        assertThat(Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), study.files()).succeeded()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
        assertThat(failures[0]).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> outboxFiles().isEmpty());
    }

    private void start(Map<String, String> overrides) throws IOException {
        startWith(overrides, events::add);
    }

    private void startWith(Map<String, String> overrides, StudyReceivedSink sink) throws IOException {
        Map<String, String> properties = new HashMap<>(Map.of(
                "spa.listener.ae-title", AE,
                "spa.listener.port", "0",
                "spa.listener.storage-root", storage.toString(),
                "spa.listener.calling-aes", "STORESCU@127.0.0.1,ECHOSCU",
                "spa.listener.pseudonym-key", Base64.getEncoder().encodeToString(TestDatasets.PSEUDONYM_KEY)));
        properties.putAll(overrides);
        listener = new DicomListener(ListenerConfig.from(ConfigSource.of(properties)), sink, Clock.systemUTC());
        listener.start();
    }

    private GeneratedStudy generate(StudySpec spec) throws IOException {
        return generator.generate(spec, Files.createTempDirectory(studies, "study"));
    }

    private static byte[] datasetOf(Path part10File) throws IOException {
        byte[] bytes = Files.readAllBytes(part10File);
        return Arrays.copyOfRange(bytes, (int) Part10Files.datasetOffset(part10File), bytes.length);
    }

    private static byte[] storedDatasetOf(StudyReceived data, Path sent) throws IOException {
        String sop = TestDatasets.headerReader().read(sent).sopInstanceUid();
        InstanceReference reference = data.series().stream().flatMap(s -> s.instances().stream())
                .filter(i -> i.sopInstanceUid().equals(sop)).findFirst().orElseThrow();
        return datasetOf(Path.of(URI.create(reference.location())));
    }

    private List<Path> storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(p -> p.toString().endsWith(".dcm")).toList();
        }
    }

    private List<Path> partFiles() throws IOException {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(p -> p.toString().endsWith(".part")).toList();
        }
    }

    private List<Path> outboxFiles() throws IOException {
        try (Stream<Path> files = Files.list(storage.resolve(StudyReceivedOutbox.OUTBOX))) {
            return files.toList();
        }
    }
}
