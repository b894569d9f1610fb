package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;

/**
 * The bad-input corpus of issue 13 against one real listener on 127.0.0.1: for each kind of bad DICOM in
 * {@link BadDicomCorpus}, a normal study is stored first, the bad input gets exactly its expected answer, then the
 * listener is still healthy (health UP, C-ECHO answered, every association slot free again), no {@code .part} file
 * is left, no file was stored for the bad input (but for the one kind kept by design), and a normal study sent after
 * it is stored.
 */
class BadDicomCorpusIT {

    private static final String AE = "SPA_GATEWAY";
    private static final String HOST = "127.0.0.1";
    /** The Status line of a DIMSE response in storescu's debug dump. */
    private static final Pattern RESPONSE_STATUS = Pattern.compile(
            "Received Store Response.*?Status\\s*:\\s*0x([0-9A-Fa-f]{4})", Pattern.DOTALL);
    private static final AtomicLong SEEDS = new AtomicLong(1);

    @TempDir
    static Path storage;
    @TempDir
    static Path scratch;
    private static DicomListener listener;
    private final List<RawPeer> peers = new ArrayList<>();

    @BeforeAll
    static void startListener() throws IOException {
        Dcmtk.requireInstalled("storescu", "echoscu", "dcmodify");
        listener = new DicomListener(ListenerConfig.from(ConfigSource.of(Map.of(
                "spa.listener.ae-title", AE,
                "spa.listener.port", "0",
                "spa.listener.storage-root", storage.toString(),
                "spa.listener.calling-aes", "STORESCU@127.0.0.1,ECHOSCU",
                "spa.listener.completeness.quiet-period", "10m"))), event -> { }, Clock.systemUTC());
        listener.start();
    }

    @AfterAll
    static void stopListener() {
        if (listener != null) {
            listener.close();
        }
    }

    @AfterEach
    void closePeers() throws IOException {
        for (RawPeer peer : peers) {
            peer.close();
        }
    }

    static List<BadDicomCorpus.BadInput> corpus() {
        return BadDicomCorpus.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadInputGetsItsAnswerAndNothingSentBeforeOrAfterItIsLost(BadDicomCorpus.BadInput bad) throws Exception {
        assertStored(sendStudy());
        Set<Path> storedBefore = files(".dcm");

        PeerAnswer answer = bad.attack().send(target());

        assertThat(answer).as(bad.kind()).isEqualTo(bad.expected());
        for (RawPeer peer : peers) {
            peer.close();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(files(".part")).as("half-written files").isEmpty();
            assertThat(listener.freeAssociationSlots()).as("association slots free again")
                    .isEqualTo(AssociationLimits.DEFAULT_MAX_ASSOCIATIONS);
        });
        Set<Path> storedNow = files(".dcm");
        if (bad.kept()) {
            assertThat(storedNow).as("the one instance kept").containsAll(storedBefore)
                    .hasSize(storedBefore.size() + 1);
        } else {
            assertThat(storedNow).as("nothing stored for the bad input").isEqualTo(storedBefore);
        }
        assertThat(listener.health().up()).as(listener.health().detail()).isTrue();
        Dcmtk.Result echo = Dcmtk.echoscu("ECHOSCU", AE, HOST, listener.port(), "-ta", "10");
        assertThat(echo.succeeded()).as(echo.output()).isTrue();
        assertStored(sendStudy());
    }

    private BadDicomCorpus.Target target() {
        return new BadDicomCorpus.Target() {
            @Override
            public RawPeer connect() throws IOException {
                RawPeer peer = RawPeer.connect(listener.port());
                peers.add(peer);
                return peer;
            }

            @Override
            public Path studyFile() throws IOException {
                return generate().files().get(0);
            }

            @Override
            public PeerAnswer storescu(Path file) {
                Dcmtk.Result store = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), List.of(file), "-d",
                        "-ta", "10");
                Matcher status = RESPONSE_STATUS.matcher(store.output());
                assertThat(status.find()).as(store.output()).isTrue();
                return PeerAnswer.status(Integer.parseInt(status.group(1), 16));
            }
        };
    }

    private GeneratedStudy sendStudy() throws IOException {
        GeneratedStudy study = generate();
        Dcmtk.Result store = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), study.files(), "-ta", "10");
        assertThat(store.succeeded()).as(store.output()).isTrue();
        return study;
    }

    private static GeneratedStudy generate() throws IOException {
        return new SyntheticStudyGenerator().generate(StudySpec.of(DemoTask.CT, 1, SEEDS.incrementAndGet())
                .withSize(16), Files.createTempDirectory(scratch, "study"));
    }

    private static void assertStored(GeneratedStudy study) throws IOException {
        Path series = storage.resolve(study.studyInstanceUid()).resolve(study.seriesInstanceUid());
        try (Stream<Path> stored = Files.list(series)) {
            assertThat(stored.count()).as("instances stored").isEqualTo(study.files().size());
        }
    }

    private static Set<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(p -> p.toString().endsWith(suffix)).collect(Collectors.toSet());
        }
    }
}
