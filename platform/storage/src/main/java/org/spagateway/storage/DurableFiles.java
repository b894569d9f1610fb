package org.spagateway.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes whose success backs an acknowledgement (a ledger record, a session state, an outbox event, a study
 * version): the content goes to a private temporary name beside the target, is synced to the device
 * ({@code fdatasync}), and only then gets its final name (an atomic rename, or a hard link for a write-once file), and
 * the folder is synced so the name survives too. After a power loss the target is either whole or absent, never empty
 * or torn (a rename or link can reach the disk before the file's data otherwise: ext4 with {@code noauto_da_alloc},
 * XFS). Two writers never share a temporary name; a failed write leaves no temporary file behind.
 */
public final class DurableFiles {

    /** Writes the content of a file; it may write as much as it likes, the stream is closed and synced after. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private DurableFiles() {
    }

    /** Writes {@code target}, replacing what is there. */
    public static void replace(Path target, byte[] content) throws IOException {
        replace(target, out -> out.write(content));
    }

    /** Writes {@code target}, replacing what is there. */
    public static void replace(Path target, Content content) throws IOException {
        Path directory = createParent(target);
        Path part = temporary(target);
        try {
            writeSynced(part, content);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * Writes {@code target} unless it exists: of two writers racing for the same name exactly one succeeds.
     *
     * @return true when this call wrote it, false when it was there already (its content is not compared)
     */
    public static boolean createOnce(Path target, byte[] content) throws IOException {
        Path directory = createParent(target);
        if (Files.exists(target)) {
            return false;
        }
        Path part = temporary(target);
        try {
            writeSynced(part, out -> out.write(content));
            Files.createLink(target, part);
            syncDirectory(directory);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * Makes the entries of {@code directory} (files renamed, linked or deleted, folders created in it) survive a power
     * loss: fsync(2) of the folder, which Java has no direct call for (open it read-only and force the channel).
     */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Creates {@code target}'s folder (and the folders above it) durably if missing; returns it. */
    private static Path createParent(Path target) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            Path existing = directory;
            while (existing != null && !Files.isDirectory(existing)) {
                existing = existing.getParent();
            }
            Files.createDirectories(directory);
            for (Path created = directory; created != null && !created.equals(existing); created = created.getParent()) {
                syncDirectory(created.getParent());
            }
        }
        return directory;
    }

    private static void writeSynced(Path part, Content content) throws IOException {
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
            content.writeTo(out);
            out.flush();
            // fdatasync(2): the data, and the metadata needed to read it back (size, block map).
            channel.force(false);
        }
    }

    /** A private temporary name beside {@code target}, hidden, never matched by a reader looking for targets. */
    private static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
    }
}
