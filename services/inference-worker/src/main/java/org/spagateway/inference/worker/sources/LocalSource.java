package org.spagateway.inference.worker.sources;

import java.nio.file.Path;

/**
 * A source instance as a local file, held for as long as it is open: a cached copy is never evicted while a round
 * reads it. Close it when done ({@code try (LocalSource source = sources.open(instance)) { ... }}).
 */
public final class LocalSource implements AutoCloseable {

    private final Path path;
    private final Runnable release;
    private boolean closed;

    LocalSource(Path path, Runnable release) {
        this.path = path;
        this.release = release;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            release.run();
        }
    }
}
