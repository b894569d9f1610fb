package org.spagateway.seg.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A SEG's Part 10 bytes, read from the ledger's database, staged as a private temporary file for the senders (the
 * C-STORE SCU and the STOW-RS client read a Part 10 file) and deleted when closed: the file is this process's
 * scratch copy for one delivery, never anybody's input.
 */
final class StagedSegmentation implements AutoCloseable {

    private final Path file;

    private StagedSegmentation(Path file) {
        this.file = file;
    }

    /** Writes {@code part10} to a new temporary file in {@code folder} (the JVM's temporary folder in service). */
    static StagedSegmentation of(byte[] part10, Path folder) throws IOException {
        Path file = Files.createTempFile(folder, "seg-export-", ".dcm");
        try {
            Files.write(file, part10);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new StagedSegmentation(file);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
