package org.spagateway.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores received instances as {@code <root>/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm}.
 *
 * <p>Each instance is streamed, exactly as received, into {@code <root>/.incoming/<random>.part} (same file system
 * as the final place), forced to disk, checked, then moved into place with an atomic rename
 * ({@code ATOMIC_MOVE}): a reader never sees a half-written instance, and a failed reception leaves no file.
 * Leftover {@code .part} files from a crash are removed at start-up (they were never acknowledged to the sender).
 *
 * <p>Re-sending a SOP instance: a byte-identical data set is a {@link StoreResult.Outcome#DUPLICATE DUPLICATE}
 * (success, nothing changes, no new study version). A different data set under the same SOP Instance UID
 * {@link StoreResult.Outcome#REPLACED REPLACES} the stored one and answers success: PS3.4 B.4.1 leaves duplicate
 * handling to the SCP, and a modality re-sending a corrected instance expects it to win; the change is announced as
 * a new study version, so nothing is silently overwritten.
 */
final class InstanceStore {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceStore.class);
    static final String INCOMING = ".incoming";

    private final Path root;
    private final Path incoming;
    private final PartFileOpener opener;
    private final InstanceHeaderReader headerReader;
    private final Clock clock;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    InstanceStore(Path root, PartFileOpener opener, InstanceHeaderReader headerReader, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(INCOMING);
        this.opener = opener;
        this.headerReader = headerReader;
        this.clock = clock;
    }

    Path root() {
        return root;
    }

    /** Creates the folders and removes {@code .part} files left by a crash. */
    void open() throws IOException {
        Files.createDirectories(incoming);
        try (Stream<Path> leftovers = Files.list(incoming)) {
            leftovers.filter(p -> p.getFileName().toString().endsWith(".part")).forEach(part -> {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Starts receiving one instance; failures are reported by {@link InstanceReception#complete()}. */
    InstanceReception receive(String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                              String callingAeTitle) {
        Path part = incoming.resolve(UUID.randomUUID() + ".part");
        return new InstanceReception(this, part, opener, sopClassUid, sopInstanceUid, transferSyntaxUid,
                callingAeTitle);
    }

    /** Validates a received {@code .part} file and moves it into place (called by {@link InstanceReception}). */
    StoreResult commit(Path part, byte[] datasetDigest, InstanceReception reception) throws IOException {
        InstanceHeader header;
        try {
            header = headerReader.read(part);
        } catch (IOException e) {
            LOG.warn("Received data set is not readable DICOM ({}): refusing it", StorageFailures.describe(e));
            return StoreResult.failed(DimseStatus.CANNOT_UNDERSTAND);
        }
        DimseStatus mismatch = check(header, reception);
        if (mismatch != DimseStatus.SUCCESS) {
            return StoreResult.failed(mismatch);
        }
        Path target = root.resolve(header.studyInstanceUid()).resolve(header.seriesInstanceUid())
                .resolve(header.sopInstanceUid() + ".dcm").normalize();
        if (!target.startsWith(root) || target.getParent().equals(root)) {
            return StoreResult.failed(DimseStatus.CANNOT_UNDERSTAND);
        }
        Object lock = locks.computeIfAbsent(header.sopInstanceUid(), uid -> new Object());
        try {
            synchronized (lock) {
                StoreResult.Outcome outcome = StoreResult.Outcome.STORED;
                if (Files.exists(target)) {
                    if (sameDataset(target, datasetDigest)) {
                        Files.deleteIfExists(part);
                        return StoreResult.of(StoreResult.Outcome.DUPLICATE, instance(header, target, reception));
                    }
                    outcome = StoreResult.Outcome.REPLACED;
                }
                Files.createDirectories(target.getParent());
                Files.move(part, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return StoreResult.of(outcome, instance(header, target, reception));
            }
        } finally {
            locks.remove(header.sopInstanceUid(), lock);
        }
    }

    private static DimseStatus check(InstanceHeader header, InstanceReception reception) {
        if (!DicomUids.isValid(header.studyInstanceUid()) || !DicomUids.isValid(header.seriesInstanceUid())
                || !DicomUids.isValid(header.sopInstanceUid())) {
            LOG.warn("Received data set has a missing or malformed Study, Series or SOP Instance UID: refusing it");
            return DimseStatus.CANNOT_UNDERSTAND;
        }
        if (!header.sopInstanceUid().equals(reception.sopInstanceUid())) {
            LOG.warn("Data set SOP Instance UID differs from the C-STORE Affected SOP Instance UID: refusing it");
            return DimseStatus.CANNOT_UNDERSTAND;
        }
        if (!reception.sopClassUid().equals(header.sopClassUid())) {
            LOG.warn("Data set SOP Class UID differs from the C-STORE Affected SOP Class UID: refusing it");
            return DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS;
        }
        return DimseStatus.SUCCESS;
    }

    private static boolean sameDataset(Path existing, byte[] datasetDigest) {
        try {
            return java.security.MessageDigest.isEqual(Part10Files.datasetDigest(existing), datasetDigest);
        } catch (IOException e) {
            return false;
        }
    }

    private StoredInstance instance(InstanceHeader header, Path target, InstanceReception reception)
            throws IOException {
        return new StoredInstance(header.studyInstanceUid(), header.seriesInstanceUid(), header.sopInstanceUid(),
                header.sopClassUid(), reception.transferSyntaxUid(), target, Files.size(target), header.modality(),
                header.bodyPartExamined(), header.numberOfStudyRelatedInstances(), header.imagesInAcquisition(),
                reception.callingAeTitle(), clock.instant());
    }
}
