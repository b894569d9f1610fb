package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.StudyReceived;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.FreePorts;
import org.spagateway.test.harness.PydicomTestFiles;

/**
 * Real-world input (issue 13): every DICOM test file of Debian's {@code python3-pydicom} (many vendors and toolkits,
 * every common transfer syntax, structured reports, RT objects, a waveform, deliberately broken files), sent as a PACS
 * would (dcmtk's {@code dcmsend}: one association per receiver, each file in its own transfer syntax) to dcmtk's
 * {@code storescp} (accepting every syntax it knows) and to the listener, compared file by file.
 */
class PydicomCorpusIT {

    private static final String AE = "SPA_GATEWAY";
    private static final String HOST = "127.0.0.1";
    private static final Duration SEND_TIMEOUT = Duration.ofMinutes(3);

    /** Compressed files of every syntax the listener accepts by default, stored as received. */
    private static final List<String> COMPRESSED = List.of("JPEG2000.dcm", "MR_small_jp2klossless.dcm",
            "MR_small_RLE.dcm", "SC_rgb_rle.dcm", "SC_rgb_jpeg_dcmtk.dcm", "MR_small_jpeg_ls_lossless.dcm",
            "JPGExtended.dcm");

    @TempDir
    Path storage;
    @TempDir
    Path baselineFolder;
    @TempDir
    Path studies;
    private final List<EventEnvelope<StudyReceived>> events = new CopyOnWriteArrayList<>();
    private DicomListener listener;
    private Process baseline;

    @BeforeAll
    static void requireTools() {
        Dcmtk.requireInstalled("dcmsend", "storescu", "storescp", "echoscu");
        PydicomTestFiles.require();
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        if (baseline != null) {
            baseline.destroyForcibly();
        }
    }

    @Test
    void acceptsWhatStorescpStoresButImagesWithoutModalityAndCompressedFilesBesideAndStaysHealthy() throws IOException {
        Path corpus = PydicomTestFiles.require();
        startListener();
        int baselinePort = startBaseline();

        Map<String, Boolean> byStorescp = send(baselinePort, corpus);
        Map<String, Boolean> byListener = send(listener.port(), corpus);

        assertThat(byListener.keySet()).as("storescu sent the same files to both").isEqualTo(byStorescp.keySet());
        Set<String> storedByStorescp = accepted(byStorescp);
        Set<String> storedByListener = accepted(byListener);
        Set<String> refused = new TreeSet<>(storedByStorescp);
        refused.removeAll(storedByListener);
        assertThat(refused).as("storescp stores them; the listener refuses only images without a Modality (Type 1)")
                .isNotEmpty()
                .allSatisfy(file -> assertThat(TestDatasets.headerReader().read(corpus.resolve(file)).modality())
                        .isNull());
        assertThat(storedByListener).as("compressed files, stored as received").containsAll(COMPRESSED);
        assertThat(listener.ignoredInstances()).as("SR, RT and waveform instances accepted and ignored")
                .containsKeys("1.2.840.10008.5.1.4.1.1.88.33", "1.2.840.10008.5.1.4.1.1.481.2",
                        "1.2.840.10008.5.1.4.1.1.481.3", "1.2.840.10008.5.1.4.1.1.9.1.1");

        GeneratedStudy after = new SyntheticStudyGenerator().generate(StudySpec.of(DemoTask.CT, 2, 41), studies);
        Dcmtk.Result normal = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), after.files());
        assertThat(normal.succeeded()).as(normal.output()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                .anyMatch(e -> e.data().studyInstanceUid().equals(after.studyInstanceUid())));
        EventCodec codec = new EventCodec();
        assertThat(events).as("every announced study is a valid StudyReceived")
                .allSatisfy(e -> assertThat(codec.validate(codec.encode(e), EventType.STUDY_RECEIVED)).isEmpty());
        assertThat(listener.health().up()).isTrue();
        assertThat(partFiles()).isEmpty();
        System.out.printf("pydicom corpus: %d files sent; storescp +xa stored %d, the listener %d (%d of them "
                + "ignored: %s); refused for want of a Modality: %s%n", byListener.size(), storedByStorescp.size(),
                storedByListener.size(),
                listener.ignoredInstances().values().stream().mapToLong(Long::longValue).sum(),
                listener.ignoredInstances(), refused);
    }

    private void startListener() throws IOException {
        listener = new DicomListener(ListenerConfig.from(ConfigSource.of(Map.of(
                "spa.listener.ae-title", AE,
                "spa.listener.port", "0",
                "spa.listener.storage-root", storage.toString(),
                "spa.listener.calling-aes", "STORESCU@127.0.0.1",
                "spa.listener.completeness.quiet-period", "500ms"))), events::add, Clock.systemUTC());
        listener.start();
    }

    /** dcmtk's storescp accepting every transfer syntax it supports ({@code +xa}), writing to a temporary folder. */
    private int startBaseline() throws IOException {
        int port = FreePorts.findFreeLoopbackPort();
        baseline = new ProcessBuilder("storescp", "+xa", "-od", baselineFolder.toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Dcmtk.echoscu("STORESCU", "ANY", HOST, port).succeeded());
        return port;
    }

    /**
     * Sends the whole folder as a PACS would, with dcmtk's {@code dcmsend}: one association, each file offered in its
     * own transfer syntax with the uncompressed ones as fallback, sub-folders scanned, carrying on after a bad file.
     * ({@code storescu -R} proposes uncompressed syntaxes only, so it cannot send a compressed file unconverted.)
     *
     * @return each file dcmsend took (by name below the corpus folder), whether the receiver answered success
     */
    private Map<String, Boolean> send(int port, Path corpus) throws IOException {
        Path report = Files.createTempFile(studies, "dcmsend-", ".txt");
        Dcmtk.Result result = Dcmtk.run(List.of("dcmsend", "-aet", "STORESCU", "-aec", AE, "+sd", "+r", "-nh", "+f",
                "+crf", report.toString(), HOST, Integer.toString(port), corpus.toString()), SEND_TIMEOUT);
        assertThat(result.timedOut()).as(result.output()).isFalse();
        Map<String, Boolean> outcomes = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(report)) {
            if (line.startsWith("Filename      : ")) {
                current = corpus.relativize(Path.of(line.substring("Filename      : ".length()).trim())).toString();
            } else if (current != null && line.startsWith("DIMSE Status  : ")) {
                outcomes.put(current, line.contains("0x0000"));
                current = null;
            }
        }
        assertThat(outcomes).as(result.output()).hasSizeGreaterThan(120);
        return outcomes;
    }

    private static Set<String> accepted(Map<String, Boolean> outcomes) {
        Set<String> names = new HashSet<>();
        outcomes.forEach((file, success) -> {
            if (success) {
                names.add(file);
            }
        });
        return names;
    }

    /** Instances half received: {@code .part} files in the stores' {@code .incoming} folders. */
    private List<Path> partFiles() throws IOException {
        try (Stream<Path> files = Files.walk(storage)) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".part"))
                    .filter(p -> p.getParent().getFileName().toString().equals(InstanceStore.INCOMING)).toList());
        }
    }
}
