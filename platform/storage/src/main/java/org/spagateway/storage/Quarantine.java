package org.spagateway.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
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

    /** Turns a file's bytes into what it holds; null or an exception when they do not hold one (torn, empty). */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(byte[] content) throws IOException;
    }

    public Quarantine(Clock clock) {
        this.clock = clock;
    }

    /**
     * What {@code file} holds; empty when there is no such file, and when its content cannot be parsed (then it is
     * {@linkplain #setAside set aside} first, so the next read finds it absent).
     *
     * @param what the kind of record, for the log
     */
    public <T> Optional<T> read(Path file, String what, Parser<T> parser) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String problem;
        try {
            T parsed = parser.parse(content);
            if (parsed != null) {
                return Optional.of(parsed);
            }
            problem = "nothing readable";
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage();
        }
        setAside(file, "not a readable " + what + " (" + content.length + " bytes): " + problem);
        return Optional.empty();
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
