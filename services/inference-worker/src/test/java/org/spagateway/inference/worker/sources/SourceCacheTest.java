package org.spagateway.inference.worker.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.InstanceReference;

class SourceCacheTest {

    private static final URI EDGE = URI.create("https://edge:8083/dicom-web/studies/1.2/series/1.3/instances/1.4");

    @TempDir
    Path directory;
    private final AtomicInteger downloads = new AtomicInteger();

    @Test
    void keepsAVerifiedCopyAndReusesItWithoutFetchingAgain() throws Exception {
        byte[] bytes = bytes(1000, 1);
        SourceCache cache = cache(1 << 20, bytes);
        InstanceReference reference = reference(bytes);

        try (LocalSource first = cache.obtain(reference, EDGE); LocalSource second = cache.obtain(reference, EDGE)) {
            assertThat(Files.readAllBytes(first.path())).isEqualTo(bytes);
            assertThat(second.path()).isEqualTo(first.path());
            assertThat(first.path().getFileName().toString()).isEqualTo(reference.sha256() + ".dcm");
        }
        assertThat(downloads).hasValue(1);
    }

    @Test
    void fetchesAgainACopyRemovedFromTheDiskBehindItsBack() throws Exception {
        byte[] bytes = bytes(1000, 2);
        SourceCache cache = cache(1 << 20, bytes);
        InstanceReference reference = reference(bytes);
        Path copy;
        try (LocalSource first = cache.obtain(reference, EDGE)) {
            copy = first.path();
        }
        Files.delete(copy);

        try (LocalSource again = cache.obtain(reference, EDGE)) {
            assertThat(Files.readAllBytes(again.path())).isEqualTo(bytes);
        }
        assertThat(downloads).hasValue(2);
    }

    @Test
    void deletesTheCopyAndFailsWhenTheDigestDiffers() throws Exception {
        byte[] bytes = bytes(1000, 1);
        byte[] tampered = bytes.clone();
        tampered[500] ^= 1;
        SourceCache cache = cache(1 << 20, tampered);

        assertThatThrownBy(() -> cache.obtain(reference(bytes), EDGE)).isInstanceOf(SourceIntegrityException.class)
                .hasMessageContaining("SHA-256").hasMessageNotContaining("1.2");
        assertThat(files()).isEmpty();
        assertThat(cache.totalBytes()).isZero();
    }

    @Test
    void deletesTheCopyAndFailsWhenTheSizeDiffersEvenWithoutADigest() throws Exception {
        byte[] bytes = bytes(1000, 1);
        SourceCache cache = cache(1 << 20, bytes(999, 1));
        InstanceReference noDigest = new InstanceReference("1.4", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                EDGE.toString(), bytes.length);

        assertThatThrownBy(() -> cache.obtain(noDigest, EDGE)).isInstanceOf(SourceIntegrityException.class)
                .hasMessageContaining("999 bytes");
        assertThat(files()).isEmpty();
    }

    @Test
    void evictsTheLeastRecentlyUsedCopiesNoRoundHoldsOpenAboveItsBound() throws Exception {
        byte[] a = bytes(600, 1);
        byte[] b = bytes(600, 2);
        byte[] c = bytes(600, 3);
        byte[][] served = {a, b, c};
        AtomicInteger next = new AtomicInteger();
        SourceCache cache = new SourceCache(directory, 1300, (location, out) -> out.write(served[next.getAndIncrement()]));

        LocalSource held = cache.obtain(reference(a), EDGE);
        cache.obtain(reference(b), EDGE).close();
        try (LocalSource third = cache.obtain(reference(c), EDGE)) {
            assertThat(held.path()).exists();
            assertThat(third.path()).exists();
            assertThat(directory.resolve(reference(b).sha256() + ".dcm")).doesNotExist();
            assertThat(cache.totalBytes()).isEqualTo(1200);
        }
        held.close();
    }

    @Test
    void startsEmptyAtItsFirstUseForNothingInTheFolderIsTrustedAcrossRuns() throws Exception {
        Files.writeString(directory.resolve("stale.dcm"), "left by the last run");
        byte[] bytes = bytes(10, 1);
        SourceCache cache = cache(1 << 20, bytes);
        assertThat(files()).hasSize(1);

        cache.obtain(reference(bytes), EDGE).close();

        assertThat(files()).containsExactly(directory.resolve(reference(bytes).sha256() + ".dcm"));
    }

    @Test
    void createsNoFolderUntilSomethingIsFetched() {
        new SourceCache(directory.resolve("cache"), 1 << 20, (location, out) -> { });

        assertThat(directory.resolve("cache")).doesNotExist();
    }

    private SourceCache cache(long maxBytes, byte[] served) {
        return new SourceCache(directory, maxBytes, (location, out) -> {
            downloads.incrementAndGet();
            out.write(served);
        });
    }

    private static InstanceReference reference(byte[] bytes) throws Exception {
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        return new InstanceReference("1.4", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1", EDGE.toString(),
                bytes.length, sha256);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    private java.util.List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
