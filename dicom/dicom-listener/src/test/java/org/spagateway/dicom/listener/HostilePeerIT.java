package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pixelmed.network.CStoreRequestCommandMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;

/**
 * Slow, broken and hostile peers against a real listener on 127.0.0.1 (issue 13, DICOM): raw sockets for what no
 * real tool sends, then a normal storescu send to show the listener is still healthy, and no half-written file left.
 */
class HostilePeerIT {

    private static final String AE = "SPA_GATEWAY";
    private static final String HOST = "127.0.0.1";
    private static final String SOP = "2.25.316118838402375391325386624911129866321";
    private static final String STUDY = "2.25.85760244532851380766446434580337437891";
    private static final String SERIES = "2.25.201812063659925963347010049911735128870";

    @TempDir
    Path storage;
    @TempDir
    Path studies;
    private final List<RawPeer> peers = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newScheduledThreadPool(2);
    private DicomListener listener;

    @BeforeAll
    static void requireDcmtk() {
        Dcmtk.requireInstalled("storescu", "echoscu");
    }

    @AfterEach
    void stop() throws IOException {
        trickle.shutdownNow();
        for (RawPeer peer : peers) {
            peer.close();
        }
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void peersTricklingTheirAssociationRequestHoldNoSlotAndAreDroppedAtTheArtimTimeout() throws Exception {
        start(Map.of("spa.listener.max-associations", "1", "spa.listener.association-request-timeout", "2s"));
        List<RawPeer> tricklers = List.of(connect(), connect(), connect());
        byte[] request = RawPeer.associateRequest("STORESCU", AE, TestDatasets.CT);
        for (RawPeer trickler : tricklers) {
            trickleBytes(trickler, request);
        }

        assertHealthy();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (RawPeer trickler : tricklers) {
                assertThat(trickler.closedByListener()).as("trickler dropped at the ARTIM timeout").isTrue();
            }
        });
    }

    @Test
    void aFloodOfSilentConnectionsDoesNotLockAModalityOut() throws Exception {
        start(Map.of("spa.listener.max-associations", "2", "spa.listener.max-pending-associations", "4",
                "spa.listener.association-request-timeout", "60s"));
        for (int i = 0; i < 10; i++) {
            connect();
        }

        Dcmtk.Result echo = Dcmtk.echoscu("ECHOSCU", AE, HOST, listener.port(), "-ta", "10");

        assertThat(echo.succeeded()).as(echo.output()).isTrue();
    }

    @Test
    void anAssociationTricklingAPduIsAbortedAtTheIdleTimeout() throws Exception {
        start(Map.of("spa.listener.idle-timeout", "2s"));
        RawPeer peer = connect();
        assertThat(peer.associate("STORESCU", AE, TestDatasets.CT)[0]).isEqualTo((byte) RawPeer.A_ASSOCIATE_AC);

        trickleBytes(peer, RawPeer.pData(RawPeer.COMMAND_LAST,
                new CStoreRequestCommandMessage(TestDatasets.CT, SOP).getBytes()));

        byte[] abort = peer.readPdu();
        assertThat(abort[0]).isEqualTo((byte) RawPeer.A_ABORT);
        assertThat(abort[8]).as("source: service provider").isEqualTo((byte) 2);
        assertHealthy();
    }

    @Test
    void aPDataPduDeclaringTwoGigabytesIsAbortedBeforeAnythingIsAllocated() throws Exception {
        start(Map.of());
        RawPeer peer = connect();
        peer.associate("STORESCU", AE, TestDatasets.CT);

        peer.send(new byte[] {0x04, 0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});

        assertThat(peer.readPdu()).containsExactly(0x07, 0, 0, 0, 0, 4, 0, 0, 2, 6);
        assertHealthy();
    }

    @Test
    void aPresentationDataValueLongerThanItsPduIsAborted() throws Exception {
        start(Map.of());
        RawPeer peer = connect();
        peer.associate("STORESCU", AE, TestDatasets.CT);
        byte[] pdu = RawPeer.pData(RawPeer.COMMAND_LAST, new byte[] {1, 2, 3, 4});
        pdu[6] = 0x7f;

        peer.send(pdu);

        assertThat(peer.readPdu()).containsExactly(0x07, 0, 0, 0, 0, 4, 0, 0, 2, 6);
        assertHealthy();
    }

    @Test
    void aCommandSetThatNeverEndsIsAborted() throws Exception {
        start(Map.of());
        RawPeer peer = connect();
        peer.associate("STORESCU", AE, TestDatasets.CT);

        for (int i = 0; i < 5; i++) {
            peer.send(RawPeer.pData(RawPeer.COMMAND_MORE, new byte[16000]));
        }

        assertThat(peer.readPdu()[0]).isEqualTo((byte) RawPeer.A_ABORT);
        assertHealthy();
    }

    @Test
    void aDataSetDeclaringATwoGigabyteElementIsRefusedWithoutAllocatingIt() throws Exception {
        start(Map.of());
        RawPeer peer = connect();
        peer.associate("STORESCU", AE, TestDatasets.CT);
        byte[] dataset = TestDatasets.datasetWithSizes(SOP, STUDY, SERIES, 16, 4);
        ExplicitVrElements.declareLength(dataset, new byte[] {0x09, 0, 0x10, 0x10, 'O', 'B'}, 0x7ffffff0);
        AllocatedBytes allocated = AllocatedBytes.start();

        peer.send(RawPeer.pData(RawPeer.COMMAND_LAST, new CStoreRequestCommandMessage(TestDatasets.CT, SOP)
                .getBytes()));
        peer.send(RawPeer.pData(RawPeer.DATA_LAST, dataset));

        byte[] response = peer.readPdu();
        assertThat(allocated.sinceStart()).as("bytes allocated by every thread while refusing the data set")
                .isLessThan(64L * 1024 * 1024);
        assertThat(response[0]).isEqualTo((byte) RawPeer.P_DATA_TF);
        assertThat(RawPeer.status(response)).isEqualTo(DimseStatus.CANNOT_UNDERSTAND.code());
        assertThat(peer.release()[0]).isEqualTo((byte) RawPeer.A_RELEASE_RP);
        assertThat(files(".dcm")).isEmpty();
        assertHealthy();
    }

    @Test
    void aConnectionDroppedInsideADataSetLeavesNoPartFile() throws Exception {
        start(Map.of());
        RawPeer peer = connect();
        peer.associate("STORESCU", AE, TestDatasets.CT);
        byte[] dataset = TestDatasets.datasetWithSizes(SOP, STUDY, SERIES, 0, 8000);

        peer.send(RawPeer.pData(RawPeer.COMMAND_LAST, new CStoreRequestCommandMessage(TestDatasets.CT, SOP)
                .getBytes()));
        peer.send(RawPeer.pData(RawPeer.DATA_MORE, java.util.Arrays.copyOf(dataset, 4000)));
        byte[] second = RawPeer.pData(RawPeer.DATA_LAST, java.util.Arrays.copyOfRange(dataset, 4000, dataset.length));
        peer.send(java.util.Arrays.copyOf(second, 2000));
        peer.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> files(".part").isEmpty());
        assertHealthy();
        assertThat(files(".dcm")).noneMatch(p -> p.getFileName().toString().startsWith(SOP));
    }

    @Test
    void aFirstPduThatIsNotAnAssociateRequestIsAborted() throws Exception {
        start(Map.of());
        RawPeer peer = connect();

        peer.send(new byte[] {0x04, 0, 0, 0, 0, 0});

        assertThat(peer.readPdu()).containsExactly(0x07, 0, 0, 0, 0, 4, 0, 0, 2, 2);
        assertHealthy();
    }

    @Test
    void aHundredConcurrentAssociationsAreEachAcceptedOrRejectedAndTheListenerStaysHealthy() throws Exception {
        start(Map.of());
        List<RawPeer> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            RawPeer peer = connect();
            peer.send(RawPeer.associateRequest("STORESCU", AE, TestDatasets.CT));
            hundred.add(peer);
        }

        int accepted = 0;
        int rejectedForLoad = 0;
        for (RawPeer peer : hundred) {
            byte[] answer = peer.readPdu();
            if (answer[0] == RawPeer.A_ASSOCIATE_AC) {
                accepted++;
            } else if (answer[0] == RawPeer.A_ASSOCIATE_RJ && answer[7] == 2 && answer[8] == 3 && answer[9] == 2) {
                rejectedForLoad++;
            }
        }

        assertThat(accepted).as("max-associations").isEqualTo(AssociationLimits.DEFAULT_MAX_ASSOCIATIONS);
        assertThat(rejectedForLoad).as("A-ASSOCIATE-RJ transient, local limit exceeded")
                .isEqualTo(100 - AssociationLimits.DEFAULT_MAX_ASSOCIATIONS);
        for (RawPeer peer : hundred) {
            peer.close();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(this::assertHealthy);
    }

    private void assertHealthy() throws IOException {
        GeneratedStudy study = new SyntheticStudyGenerator().generate(StudySpec.of(DemoTask.CT, 1, 31),
                Files.createTempDirectory(studies, "study"));
        Dcmtk.Result store = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), study.files(), "-ta", "10");
        assertThat(store.succeeded()).as(store.output()).isTrue();
        assertThat(files(".part")).isEmpty();
    }

    private void start(Map<String, String> overrides) throws IOException {
        Map<String, String> properties = new HashMap<>(Map.of(
                "spa.listener.ae-title", AE,
                "spa.listener.port", "0",
                "spa.listener.storage-root", storage.toString(),
                "spa.listener.calling-aes", "STORESCU@127.0.0.1,ECHOSCU",
                "spa.listener.completeness.quiet-period", "10m"));
        properties.putAll(overrides);
        listener = new DicomListener(ListenerConfig.from(ConfigSource.of(properties)), event -> { }, Clock.systemUTC());
        listener.start();
    }

    private RawPeer connect() throws IOException {
        RawPeer peer = RawPeer.connect(listener.port());
        peers.add(peer);
        return peer;
    }

    /** Sends one byte every 250 ms: each read on the listener's side succeeds well inside any read timeout. */
    private void trickleBytes(RawPeer peer, byte[] bytes) {
        int[] next = {0};
        trickle.scheduleAtFixedRate(() -> {
            if (next[0] < bytes.length) {
                try {
                    peer.send(new byte[] {bytes[next[0]++]});
                } catch (IOException e) {
                    next[0] = bytes.length;
                }
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }
}
