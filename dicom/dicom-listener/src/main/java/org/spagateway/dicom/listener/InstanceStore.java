package org.spagateway.dicom.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.storage.DurableFiles;

/**
 * Stores received instances as {@code <root>/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm}.
 *
 * <p>Each instance is streamed, exactly as received, into {@code <root>/.incoming/<random>.part} (same file system
 * as the final place), checked, then moved into place with an atomic rename ({@code ATOMIC_MOVE}): a reader never
 * sees a half-written instance, and a failed reception leaves no file. Leftover {@code .part} files from a crash are
 * removed at start-up (they were never acknowledged to the sender).
 *
 * <p>With {@code fsync} (the default, {@code spa.listener.storage.fsync}) the file is forced to disk before the
 * rename and the folder that names it after, and so are the parents of folders this store creates: a rename is only
 * durable once its directory is (fsync(2): "calling fsync() on a file does not necessarily ensure that the entry in
 * the directory containing the file has also reached disk"). Only then does the sender hear success, after which a
 * modality may delete its copy.
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
    /** PS3.5 6.2: a Code String (CS) value holds at most 16 characters. */
    static final int MAX_CS_LENGTH = 16;

    private final Path root;
    private final Path incoming;
    private final PartFileOpener opener;
    private final boolean fsync;
    private final InstanceHeaderReader headerReader;
    private final Clock clock;
    private final boolean announced;
    /**
     * Receptions of one SOP Instance UID check and move into place one at a time: the UID's stripe is locked
     * (a fixed set of locks that are never removed, so two receptions can never hold different locks for one UID).
     */
    private final StripedLocks locks = new StripedLocks(256);
    /** Told of each reception inside the lock (a seam: tests hold receptions there to show they never overlap). */
    private volatile Consumer<String> insideLock = sopInstanceUid -> { };

    /**
     * @param fsync     whether renames are made durable by syncing directories; {@code opener} syncs the file itself
     * @param announced whether its instances are announced, and so must carry what a {@code StudyReceived} needs
     *                  (a Modality)
     */
    InstanceStore(Path root, PartFileOpener opener, boolean fsync, InstanceHeaderReader headerReader, Clock clock,
                  boolean announced) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(INCOMING);
        this.opener = opener;
        this.fsync = fsync;
        this.headerReader = headerReader;
        this.clock = clock;
        this.announced = announced;
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

    /** Validates a received, closed {@code .part} file and moves it into place (called by InstanceReception). */
    StoreResult commit(Path part, InstanceReception reception) throws IOException {
        InstanceHeader header;
        try {
            header = header(part, reception);
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
        Object lock = locks.of(header.sopInstanceUid());
        synchronized (lock) {
            insideLock.accept(header.sopInstanceUid());
            StoreResult.Outcome outcome = StoreResult.Outcome.STORED;
            if (Files.exists(target)) {
                if (sameDataset(target, part)) {
                    Files.deleteIfExists(part);
                    // Not announced: the stored file (whose File Meta Information may differ) is not hashed again.
                    return StoreResult.of(StoreResult.Outcome.DUPLICATE,
                            instance(header, target, Files.size(target), null, reception));
                }
                outcome = StoreResult.Outcome.REPLACED;
            }
            moveIntoPlace(part, target);
            return StoreResult.of(outcome, instance(header, target, reception.size(), reception.sha256(),
                    reception));
        }
    }

    /** Tests only: {@code probe} runs inside the lock of each reception, with its SOP Instance UID. */
    void probeInsideLock(Consumer<String> probe) {
        this.insideLock = probe;
    }


    /** The header from the bytes kept in memory, or from the file when they end before Pixel Data. */
    private InstanceHeader header(Path part, InstanceReception reception) throws IOException {
        Optional<InstanceHeader> kept = headerReader.read(reception.prefix(), reception.transferSyntaxUid(),
                reception.callingAeTitle());
        return kept.isPresent() ? kept.get() : headerReader.read(part);
    }

    /**
     * Renames first and creates the series folder only when the rename says it is missing: the folder exists for
     * all but the first instance of a series, so this spares a mkdir and a stat per instance.
     */
    private void moveIntoPlace(Path part, Path target) throws IOException {
        Path series = target.getParent();
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            createFolders(series);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        }
        if (fsync) {
            DurableFiles.syncDirectory(series);
        }
    }

    private void createFolders(Path series) throws IOException {
        Path study = series.getParent();
        boolean newStudy = !Files.isDirectory(study);
        Files.createDirectories(series);
        if (fsync) {
            DurableFiles.syncDirectory(study);
            if (newStudy) {
                DurableFiles.syncDirectory(root);
            }
        }
    }

    private DimseStatus check(InstanceHeader header, InstanceReception reception) {
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
        if (announced && (header.modality() == null || header.modality().length() > MAX_CS_LENGTH)) {
            LOG.warn("Data set has no valid Modality (0008,0060), Type 1 in every image IOD: refusing it");
            return DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS;
        }
        return DimseStatus.SUCCESS;
    }

    private static boolean sameDataset(Path existing, Path received) {
        try {
            return Part10Files.sameDataset(existing, received);
        } catch (IOException e) {
            return false;
        }
    }

    private StoredInstance instance(InstanceHeader header, Path target, long size, String sha256,
                                    InstanceReception reception) {
        return new StoredInstance(header.studyInstanceUid(), header.seriesInstanceUid(), header.sopInstanceUid(),
                header.sopClassUid(), reception.transferSyntaxUid(), target, size, sha256, header.modality(),
                header.bodyPartExamined(), header.numberOfStudyRelatedInstances(), header.imagesInAcquisition(),
                reception.callingAeTitle(), clock.instant(), header.patientPseudonym());
    }
}
