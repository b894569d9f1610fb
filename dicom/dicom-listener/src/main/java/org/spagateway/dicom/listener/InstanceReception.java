package org.spagateway.dicom.listener;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance being received: P-DATA fragments are appended to the {@code .part} file as they arrive (never held
 * in memory beyond the first {@link DatasetPrefix#CAPACITY} bytes, kept to parse the header without reading the file
 * back). The SHA-256 of the file is computed from the bytes as they are written (File Meta Information and data set),
 * so the digest the events carry costs no second read of the file. A re-sent instance is still recognised by
 * comparing data sets only when its SOP Instance UID is already stored (its File Meta Information may differ). The
 * first I/O failure is remembered and later
 * fragments are discarded, so the sender still gets a C-STORE response (PS3.7 9.1.1: the failure is reported in the
 * status, the association goes on). The data set's element structure is followed as it is written
 * ({@link DatasetFraming}): one that ends inside an element is refused. {@link #complete()} never leaves the
 * {@code .part} file behind on failure.
 */
final class InstanceReception {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceReception.class);

    private final InstanceStore store;
    private final Path part;
    private final PartFileOpener opener;
    private final String sopClassUid;
    private final String sopInstanceUid;
    private final String transferSyntaxUid;
    private final String callingAeTitle;
    private final DatasetPrefix prefix = new DatasetPrefix();
    private final DatasetFraming framing;
    private final MessageDigest digest = Part10Files.sha256();
    private OutputStream out;
    private String sha256;
    private long size;
    private IOException failure;

    InstanceReception(InstanceStore store, Path part, PartFileOpener opener, String sopClassUid,
                      String sopInstanceUid, String transferSyntaxUid, String callingAeTitle) {
        this.store = store;
        this.part = part;
        this.opener = opener;
        this.sopClassUid = sopClassUid;
        this.sopInstanceUid = sopInstanceUid;
        this.transferSyntaxUid = transferSyntaxUid;
        this.callingAeTitle = callingAeTitle;
        this.framing = new DatasetFraming(InstanceHeaderReader.explicitVr(transferSyntaxUid));
    }

    String sopClassUid() {
        return sopClassUid;
    }

    String sopInstanceUid() {
        return sopInstanceUid;
    }

    String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    String callingAeTitle() {
        return callingAeTitle;
    }

    /** The first bytes of the data set (complete when short). */
    DatasetPrefix prefix() {
        return prefix;
    }

    /** Bytes written to the file so far: File Meta Information and data set. */
    long size() {
        return size;
    }

    /** SHA-256 of every byte written to the file, lower-case hex; read once the file is closed. */
    String sha256() {
        if (sha256 == null) {
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        return sha256;
    }

    /** Appends one data fragment (PS3.8 9.3.5.1: the bytes of a data set PDV, in order). */
    void write(byte[] fragment) {
        if (failure != null) {
            return;
        }
        try {
            if (out == null) {
                out = new DigestOutputStream(opener.open(part), digest);
                size = Part10Files.writeMetaHeader(out, sopClassUid, sopInstanceUid, transferSyntaxUid,
                        callingAeTitle);
            }
            prefix.append(fragment);
            framing.accept(fragment);
            out.write(fragment);
            size += fragment.length;
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Finishes the reception: closes the file (forcing it to disk if durable), validates it, moves it into place. */
    StoreResult complete() {
        try {
            if (out == null && failure == null) {
                write(new byte[0]);
            }
            closeQuietlyOnFailure();
            if (failure != null) {
                return failed(failure);
            }
            String malformed = framing.problem();
            if (malformed != null) {
                LOG.warn("Received data set is malformed ({}): refusing it", malformed);
                abandon();
                return StoreResult.failed(DimseStatus.CANNOT_UNDERSTAND);
            }
            StoreResult result = store.commit(part, this);
            if (result.outcome() == StoreResult.Outcome.FAILED) {
                Files.deleteIfExists(part);
            }
            return result;
        } catch (IOException e) {
            return failed(e);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure while storing an instance", e);
            abandon();
            return StoreResult.failed(DimseStatus.PROCESSING_FAILURE);
        }
    }

    /** The association ended mid-instance: remove the partial file. */
    void abandon() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the file is deleted next
            }
        }
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            LOG.warn("Cannot delete partial file {}: {}", part.getFileName(), StorageFailures.describe(e));
        }
    }

    private void closeQuietlyOnFailure() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    private StoreResult failed(IOException cause) {
        DimseStatus status = StorageFailures.statusFor(cause);
        LOG.warn("Cannot store instance, answering {}: {}", status, StorageFailures.describe(cause));
        abandon();
        return StoreResult.failed(status);
    }
}
