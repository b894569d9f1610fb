package org.spagateway.listener;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance being received: P-DATA fragments are appended to the {@code .part} file as they arrive (never held
 * in memory) and hashed, so a re-sent instance can be recognised. The first I/O failure is remembered and later
 * fragments are discarded, so the sender still gets a C-STORE response (PS3.7 9.1.1: the failure is reported in the
 * status, the association goes on). {@link #complete()} never leaves the {@code .part} file behind on failure.
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
    private final MessageDigest digest = Part10Files.sha256();
    private OutputStream out;
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

    /** Appends one data fragment (PS3.8 9.3.5.1: the bytes of a data set PDV, in order). */
    void write(byte[] fragment) {
        if (failure != null) {
            return;
        }
        try {
            if (out == null) {
                out = opener.open(part);
                Part10Files.writeMetaHeader(out, sopClassUid, sopInstanceUid, transferSyntaxUid, callingAeTitle);
            }
            digest.update(fragment);
            out.write(fragment);
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Finishes the reception: forces the file to disk, validates it and moves it into place. */
    StoreResult complete() {
        try {
            if (out == null && failure == null) {
                write(new byte[0]);
            }
            closeQuietlyOnFailure();
            if (failure != null) {
                return failed(failure);
            }
            StoreResult result = store.commit(part, digest.digest(), this);
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
