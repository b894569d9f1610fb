package org.spagateway.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a file that cannot be read is set aside: {@code <its folder>/quarantine/<name>.<epoch millis>}, out of the
 * way of every reader that lists the folder for its own file names, kept for an operator to look at. A torn or empty
 * record (written before writes were synced, or damaged on disk) is moved there once and then counts as absent,
 * instead of failing every read of it for ever.
 */
public final class Quarantine {

    public static final String FOLDER = "quarantine";
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final Clock clock;

    public Quarantine(Clock clock) {
        this.clock = clock;
    }

    /**
     * Moves {@code file} into quarantine and says so at ERROR (the path names no patient: callers pass session or
     * storage paths, never DICOM UIDs).
     *
     * @return where it now is, or {@code file} itself if another reader moved it first
     */
    public Path setAside(Path file, String why) throws IOException {
        Path folder = file.toAbsolutePath().getParent().resolve(FOLDER);
        Files.createDirectories(folder);
        Path target = folder.resolve(file.getFileName() + "." + clock.millis());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return file;
        }
        DurableFiles.syncDirectory(file.toAbsolutePath().getParent());
        LOG.error("Set aside unreadable file {} as {}: {}", file, target, why);
        return target;
    }
}
