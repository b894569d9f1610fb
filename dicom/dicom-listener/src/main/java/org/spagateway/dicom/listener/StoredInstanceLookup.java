package org.spagateway.dicom.listener;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a stored instance by its UIDs the way a reader of the store should: by looking among the entries the store
 * created ({@code <root>/<study>/<series>/<sop>.dcm}) for one whose name equals the UID, level by level, instead of
 * building a path from a client's text. What it returns is always an entry the listing gave, under the root, a
 * regular file (symbolic links are not followed) and never one of the store's own folders ({@code .incoming},
 * {@code .unused}, {@code .outbox}, whose names are not UIDs).
 */
final class StoredInstanceLookup {

    private final Path root;

    StoredInstanceLookup(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Optional<Path> find(WadoInstancePath wanted) throws IOException {
        Optional<Path> study = entry(root, wanted.studyInstanceUid(), true);
        Optional<Path> series = study.isPresent() ? entry(study.get(), wanted.seriesInstanceUid(), true)
                : Optional.empty();
        return series.isPresent() ? entry(series.get(), wanted.sopInstanceUid() + ".dcm", false) : Optional.empty();
    }

    private static Optional<Path> entry(Path folder, String name, boolean directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                entry -> entry.getFileName().toString().equals(name))) {
            for (Path entry : entries) {
                boolean matches = directory ? Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        : Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
                if (matches) {
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
