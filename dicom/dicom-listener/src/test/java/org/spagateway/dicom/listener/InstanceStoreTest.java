package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceStoreTest {

    private static final String STUDY = "1.2.3.1";
    private static final String SERIES = "1.2.3.1.1";
    private static final String SOP = "1.2.3.1.1.1";

    @TempDir
    Path base;
    private Path root;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private InstanceStore store;

    @BeforeEach
    void openStore() throws IOException {
        root = base.resolve("volume").resolve("dicom");
        store = newStore(PartFileOpener.DURABLE);
    }

    @Test
    void storesTheDatasetBytesUnchangedUnderStudySeriesSopLayout() throws IOException {
        byte[] dataset = TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT", (byte) 1);

        StoreResult result = receive(store, SOP, dataset);

        assertThat(result.outcome()).isEqualTo(StoreResult.Outcome.STORED);
        assertThat(result.status()).isEqualTo(DimseStatus.SUCCESS);
        Path stored = root.resolve(STUDY).resolve(SERIES).resolve(SOP + ".dcm");
        assertThat(result.instance().orElseThrow().location()).isEqualTo(stored);
        byte[] file = Files.readAllBytes(stored);
        long offset = Part10Files.datasetOffset(stored);
        assertThat(Arrays.copyOfRange(file, (int) offset, file.length)).isEqualTo(dataset);
        assertThat(new String(file, 128, 4)).isEqualTo("DICM");
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void recordsTheSha256OfTheStoredFileAsSha256sumComputesIt() throws Exception {
        byte[] dataset = TestDatasets.datasetWithSizes(SOP, STUDY, SERIES, 2 * DatasetPrefix.CAPACITY, 70_000);
        InstanceReception reception = store.receive(TestDatasets.CT, SOP, TestDatasets.EXPLICIT_LE, "MODALITY");
        for (int i = 0; i < dataset.length; i += 16_384) {
            reception.write(Arrays.copyOfRange(dataset, i, Math.min(dataset.length, i + 16_384)));
        }

        StoredInstance stored = reception.complete().instance().orElseThrow();

        assertThat(stored.sha256()).matches("[0-9a-f]{64}").isEqualTo(sha256sum(stored.location()));
        assertThat(stored.sizeBytes()).isEqualTo(Files.size(stored.location()));
    }

    @Test
    void aReplacedInstanceCarriesTheDigestOfItsNewFile() throws Exception {
        receive(store, SOP, TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT", (byte) 1));

        StoredInstance replaced = receive(store, SOP,
                TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT", (byte) 2)).instance().orElseThrow();

        assertThat(replaced.sha256()).isEqualTo(sha256sum(replaced.location()));
    }

    /** The digest as coreutils' sha256sum, a separate implementation, computes it from the file on disk. */
    static String sha256sum(Path file) throws Exception {
        Process process = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(process.waitFor()).as(output).isZero();
        return output.substring(0, 64);
    }

    @Test
    void splitsNothingWhenFragmentsArriveInPieces() throws IOException {
        byte[] dataset = TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT", (byte) 1);
        InstanceReception reception = store.receive(TestDatasets.CT, SOP, TestDatasets.EXPLICIT_LE, "MODALITY");
        for (int i = 0; i < dataset.length; i += 7) {
            reception.write(Arrays.copyOfRange(dataset, i, Math.min(dataset.length, i + 7)));
        }

        assertThat(reception.complete().outcome()).isEqualTo(StoreResult.Outcome.STORED);
        Path stored = root.resolve(STUDY).resolve(SERIES).resolve(SOP + ".dcm");
        assertThat(Part10Files.datasetDigest(stored)).isEqualTo(Part10Files.sha256().digest(dataset));
    }

    @Test
    void storesTheSameBytesWithoutFsyncWhenConfiguredSo() throws IOException {
        InstanceStore pageCache = new InstanceStore(root, PartFileOpener.PAGE_CACHE, false, TestDatasets.headerReader(),
                clock, true);
        pageCache.open();
        byte[] dataset = TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT", (byte) 1);

        StoreResult result = receive(pageCache, SOP, dataset);

        assertThat(result.outcome()).isEqualTo(StoreResult.Outcome.STORED);
        Path stored = result.instance().orElseThrow().location();
        assertThat(Part10Files.datasetDigest(stored)).isEqualTo(Part10Files.sha256().digest(dataset));
        assertThat(result.instance().orElseThrow().sizeBytes()).isEqualTo(Files.size(stored));
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void readsTheFileWhenTheHeaderIsLongerThanTheBytesKeptInMemory() throws IOException {
        byte[] dataset = TestDatasets.datasetWithSizes(SOP, STUDY, SERIES, 2 * DatasetPrefix.CAPACITY, 1024);

        StoreResult result = receive(store, SOP, dataset);

        assertThat(result.outcome()).isEqualTo(StoreResult.Outcome.STORED);
        Path stored = root.resolve(STUDY).resolve(SERIES).resolve(SOP + ".dcm");
        assertThat(result.instance().orElseThrow().location()).isEqualTo(stored);
        assertThat(Part10Files.datasetDigest(stored)).isEqualTo(Part10Files.sha256().digest(dataset));
    }

    @Test
    void storesASecondSeriesOfAStudyInItsOwnFolder() {
        receive(store, SOP, TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT", (byte) 1));
        String otherSeries = SERIES + "2";
        String otherSop = otherSeries + ".1";

        StoreResult result = receive(store, otherSop,
                TestDatasets.dataset(TestDatasets.CT, otherSop, STUDY, otherSeries, "CT", (byte) 1));

        assertThat(result.outcome()).isEqualTo(StoreResult.Outcome.STORED);
        assertThat(root.resolve(STUDY).resolve(otherSeries).resolve(otherSop + ".dcm")).isRegularFile();
        assertThat(root.resolve(STUDY).resolve(SERIES).resolve(SOP + ".dcm")).isRegularFile();
    }

    @Test
    void treatsAnIdenticalResendAsDuplicate() {
        byte[] dataset = TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT", (byte) 1);
        receive(store, SOP, dataset);

        StoreResult again = receive(store, SOP, dataset);

        assertThat(again.outcome()).isEqualTo(StoreResult.Outcome.DUPLICATE);
        assertThat(again.status()).isEqualTo(DimseStatus.SUCCESS);
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void replacesAnInstanceResentWithDifferentContent() throws IOException {
        receive(store, SOP, TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT", (byte) 1));
        byte[] corrected = TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT", (byte) 2);

        StoreResult result = receive(store, SOP, corrected);

        assertThat(result.outcome()).isEqualTo(StoreResult.Outcome.REPLACED);
        assertThat(Part10Files.datasetDigest(result.instance().orElseThrow().location()))
                .isEqualTo(Part10Files.sha256().digest(corrected));
    }

    @Test
    void refusesAUidThatWouldLeaveTheStorageRoot() throws IOException {
        byte[] dataset = TestDatasets.dataset(TestDatasets.CT, SOP, "../../x", SERIES, "CT", (byte) 1);

        StoreResult result = receive(store, SOP, dataset);

        assertThat(result.status()).isEqualTo(DimseStatus.CANNOT_UNDERSTAND);
        assertThat(partFiles()).isEmpty();
        try (Stream<Path> all = Files.walk(base)) {
            assertThat(all.filter(p -> p.toString().endsWith(".dcm"))).isEmpty();
        }
    }

    @Test
    void refusesADatasetWhoseSopClassDiffersFromTheCommand() {
        byte[] dataset = TestDatasets.dataset("1.2.840.10008.5.1.4.1.1.4", SOP, STUDY, SERIES, "MR", (byte) 1);

        assertThat(receive(store, SOP, dataset).status()).isEqualTo(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void refusesAnInstanceToAnnounceWithoutAModalityOrWithOneLongerThanACodeString() {
        byte[] none = TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "", (byte) 1);
        byte[] tooLong = TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "COMPUTEDTOMOGRAPHY", (byte) 1);

        assertThat(receive(store, SOP, none).status()).isEqualTo(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
        assertThat(receive(store, SOP, tooLong).status()).isEqualTo(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void keepsAnInstanceThatIsNeverAnnouncedWithoutAModality() throws IOException {
        InstanceStore unused = new InstanceStore(root.resolve(IgnoredInstances.UNUSED), PartFileOpener.DURABLE, true,
                TestDatasets.headerReader(), clock, false);
        unused.open();
        byte[] none = TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "", (byte) 1);

        assertThat(receive(unused, SOP, none).outcome()).isEqualTo(StoreResult.Outcome.STORED);
    }

    @Test
    void refusesBytesThatAreNotDicom() {
        assertThat(receive(store, SOP, "not dicom at all".getBytes()).status())
                .isEqualTo(DimseStatus.CANNOT_UNDERSTAND);
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void answersOutOfResourcesWhenTheDiskIsFullAndLeavesNoPartFile() throws IOException {
        InstanceStore full = newStore(part -> failingAfter(part, 200, "No space left on device"));

        StoreResult result = receive(full, SOP, TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT",
                (byte) 1));

        assertThat(result.status()).isEqualTo(DimseStatus.OUT_OF_RESOURCES);
        assertThat(result.status().code()).isEqualTo(0xA700);
        assertThat(partFiles()).isEmpty();
        assertThat(Files.exists(root.resolve(STUDY))).isFalse();
    }

    @Test
    void answersProcessingFailureForOtherIoErrors() throws IOException {
        InstanceStore broken = newStore(part -> failingAfter(part, 0, "Input/output error"));

        StoreResult result = receive(broken, SOP, TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT",
                (byte) 1));

        assertThat(result.status().code()).isEqualTo(0x0110);
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void removesLeftoverPartFilesWhenOpened() throws IOException {
        Path leftover = root.resolve(InstanceStore.INCOMING).resolve("crashed.part");
        Files.writeString(leftover, "half an instance");

        newStore(PartFileOpener.DURABLE);

        assertThat(leftover).doesNotExist();
    }

    private InstanceStore newStore(PartFileOpener opener) throws IOException {
        InstanceStore created = new InstanceStore(root, opener, true, TestDatasets.headerReader(), clock, true);
        created.open();
        return created;
    }

    /**
     * Three receptions of one SOP instance: the first holds the lock while the second waits for it; when the first
     * leaves, the second goes in; the third must then wait too. (A per-UID lock removed when the first left let the
     * third take a fresh lock and move its file into place beside the second.)
     */
    @Test
    void aThirdReceptionOfOneSopInstanceWaitsWhileTheSecondHoldsTheLock() throws Exception {
        byte[] dataset = TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT", (byte) 1);
        Map<String, CountDownLatch> release = new ConcurrentHashMap<>();
        Set<String> inside = ConcurrentHashMap.newKeySet();
        store.probeInsideLock(uid -> {
            String me = Thread.currentThread().getName();
            inside.add(me);
            try {
                release.computeIfAbsent(me, name -> new CountDownLatch(1)).await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.remove(me);
        });
        Thread first = reception("first", dataset);
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> inside.contains("first"));
        Thread second = reception("second", dataset);
        second.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.BLOCKED);

        release.computeIfAbsent("first", name -> new CountDownLatch(1)).countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> inside.contains("second"));
        Thread third = reception("third", dataset);
        third.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> inside.contains("third") || third.getState() == Thread.State.BLOCKED);

        assertThat(inside).as("receptions inside the lock at once").containsExactly("second");
        release.computeIfAbsent("second", name -> new CountDownLatch(1)).countDown();
        release.computeIfAbsent("third", name -> new CountDownLatch(1)).countDown();
        for (Thread thread : List.of(first, second, third)) {
            thread.join(10_000);
        }
        assertThat(partFiles()).isEmpty();
    }

    private Thread reception(String name, byte[] dataset) {
        return new Thread(() -> receive(store, SOP, dataset), name);
    }

    @Test
    void ofReceptionsOfOneSopInstanceRacingEachOtherExactlyOneStoresItAndTheRestReplaceOrRepeatIt()
            throws Exception {
        int receptions = 8;
        ExecutorService pool = Executors.newFixedThreadPool(receptions);
        try {
            for (int instance = 1; instance <= 25; instance++) {
                String sop = SOP + "." + instance;
                CyclicBarrier start = new CyclicBarrier(receptions);
                List<Future<StoreResult>> results = new ArrayList<>();
                for (int i = 0; i < receptions; i++) {
                    byte[] dataset = TestDatasets.dataset(TestDatasets.CT, sop, STUDY, SERIES, "CT", (byte) (i % 3));
                    results.add(pool.submit(() -> {
                        InstanceReception reception = store.receive(TestDatasets.CT, sop, TestDatasets.EXPLICIT_LE,
                                "MODALITY");
                        reception.write(dataset);
                        start.await();
                        return reception.complete();
                    }));
                }
                List<StoreResult.Outcome> outcomes = new ArrayList<>();
                for (Future<StoreResult> result : results) {
                    outcomes.add(result.get().outcome());
                }
                assertThat(outcomes).as("instance %d", instance).containsOnlyOnce(StoreResult.Outcome.STORED)
                        .doesNotContain(StoreResult.Outcome.FAILED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(partFiles()).isEmpty();
    }

    private static StoreResult receive(InstanceStore target, String sop, byte[] dataset) {
        InstanceReception reception = target.receive(TestDatasets.CT, sop, TestDatasets.EXPLICIT_LE, "MODALITY");
        reception.write(dataset);
        return reception.complete();
    }

    private Stream<Path> partFiles() {
        try {
            return Files.walk(root).filter(p -> p.toString().endsWith(".part")).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real file whose writes fail once more than {@code limit} bytes were written, like a full disk. */
    private static OutputStream failingAfter(Path part, int limit, String reason) throws IOException {
        OutputStream file = Files.newOutputStream(part);
        return new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (written + length > limit) {
                    throw new IOException(reason);
                }
                written += length;
                file.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }
}
