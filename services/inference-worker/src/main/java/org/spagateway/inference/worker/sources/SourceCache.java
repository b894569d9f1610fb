package org.spagateway.inference.worker.sources;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.events.InstanceReference;

/**
 * The worker's local copies of source instances fetched from the edge. A copy is written under a private temporary
 * name while its size and SHA-256 are computed, compared with the reference, and only then renamed into place (an
 * atomic rename): a reader never sees a partial or unverified file, and a mismatch leaves nothing behind
 * ({@link SourceIntegrityException}). Copies are named by their SHA-256 (or, for references without one, a hash of
 * location and size), never by UIDs, and found again by that name, so a session's next round reuses them.
 *
 * <p>Bounded: after each new copy, the least recently used copies that no round holds open ({@link LocalSource}) are
 * deleted until the folder is within {@code spa.worker.source.cache-max-mb}. The folder is created, or emptied, at its
 * first use in a run (a worker given only local files never creates it): nothing in it is trusted across runs.
 */
final class SourceCache {

    private static final Logger LOG = LoggerFactory.getLogger(SourceCache.class);

    private final Path directory;
    private final long maxBytes;
    private final SourceDownload download;
    private final Map<String, Entry> entries = new HashMap<>();
    /** Fetches of one copy run one at a time (a fixed set of locks, never removed). */
    private final Object[] locks = new Object[64];
    private long totalBytes;
    private long clock;
    private boolean prepared;

    private static final class Entry {
        final long size;
        long lastUsed;
        int openCount;

        Entry(long size) {
            this.size = size;
        }
    }

    SourceCache(Path directory, long maxBytes, SourceDownload download) {
        this.directory = directory.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.download = download;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** Creates the folder, or removes what an earlier run left in it. */
    private synchronized void prepare() throws IOException {
        if (prepared) {
            return;
        }
        Files.createDirectories(directory);
        try (Stream<Path> leftovers = Files.list(directory)) {
            leftovers.filter(Files::isRegularFile).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        prepared = true;
    }

    /** The verified local copy of {@code instance}, fetched from {@code location} unless it is cached. */
    LocalSource obtain(InstanceReference instance, URI location) throws IOException, SourceImageException {
        prepare();
        String key = key(instance);
        Path target = directory.resolve(key + ".dcm");
        synchronized (locks[Math.floorMod(key.hashCode(), locks.length)]) {
            LocalSource cached = open(key, target);
            if (cached != null) {
                return cached;
            }
            Path part = directory.resolve("." + key + "." + UUID.randomUUID() + ".part");
            try {
                MessageDigest digest = sha256();
                long size;
                try (OutputStream file = Files.newOutputStream(part);
                     CountingOutputStream counted = new CountingOutputStream(new DigestOutputStream(file, digest))) {
                    download.fetch(location, counted);
                    counted.flush();
                    size = counted.count();
                }
                verify(instance, size, HexFormat.of().formatHex(digest.digest()));
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                synchronized (this) {
                    entries.put(key, new Entry(size));
                    totalBytes += size;
                }
            } finally {
                Files.deleteIfExists(part);
            }
            LocalSource fetched = open(key, target);
            evictBeyondBound();
            return fetched;
        }
    }

    private static void verify(InstanceReference instance, long size, String sha256) throws SourceIntegrityException {
        if (size != instance.sizeBytes()) {
            throw new SourceIntegrityException("the fetched source instance has " + size + " bytes, its reference "
                    + instance.sizeBytes());
        }
        if (instance.sha256() != null && !instance.sha256().equals(sha256)) {
            throw new SourceIntegrityException("the SHA-256 of the fetched source instance (" + size + " bytes) "
                    + "differs from its reference's");
        }
    }

    /**
     * Opens the cached copy if there is one; null otherwise, also when the copy was removed from the disk behind the
     * cache's back (it is then fetched again: the edge still holds the instance).
     */
    private synchronized LocalSource open(String key, Path target) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.openCount == 0 && !Files.isRegularFile(target)) {
            entries.remove(key);
            totalBytes -= entry.size;
            return null;
        }
        entry.openCount++;
        entry.lastUsed = ++clock;
        return new LocalSource(target, () -> release(entry));
    }

    private synchronized void release(Entry entry) {
        entry.openCount--;
        entry.lastUsed = ++clock;
    }

    /** Deletes least recently used copies nobody holds open until the folder is within its bound. */
    private synchronized void evictBeyondBound() {
        if (totalBytes <= maxBytes) {
            return;
        }
        for (Map.Entry<String, Entry> oldest : entries.entrySet().stream()
                .filter(e -> e.getValue().openCount == 0)
                .sorted(Comparator.comparingLong(e -> e.getValue().lastUsed)).toList()) {
            if (totalBytes <= maxBytes) {
                break;
            }
            try {
                Files.deleteIfExists(directory.resolve(oldest.getKey() + ".dcm"));
                entries.remove(oldest.getKey());
                totalBytes -= oldest.getValue().size;
            } catch (IOException e) {
                LOG.warn("Cannot delete a cached source instance: {}", e.toString());
            }
        }
    }

    /** Bytes of the copies held now. */
    synchronized long totalBytes() {
        return totalBytes;
    }

    private static String key(InstanceReference instance) {
        if (instance.sha256() != null) {
            return instance.sha256();
        }
        return "u" + HexFormat.of().formatHex(sha256().digest((instance.location() + "|" + instance.sizeBytes())
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Counts the bytes written through it. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        long count() {
            return count;
        }
    }
}
