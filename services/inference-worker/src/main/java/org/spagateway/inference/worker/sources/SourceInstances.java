package org.spagateway.inference.worker.sources;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.events.InstanceReference;

/**
 * The source instances of a request as local files, wherever they lie: a {@code file:} location (a worker sharing
 * the listener's storage, as in the all-in-one) is read in place, as before; an {@code http:} or {@code https:}
 * location (a worker on another host, docs/architecture.md) is fetched from the edge's WADO-RS endpoint into the
 * worker's cache and verified against the reference's size and SHA-256 before anything reads it ({@link SourceCache}).
 *
 * <p>Failures keep the worker's classification: a missing instance is a {@link java.nio.file.NoSuchFileException}
 * (SOURCE_MISSING), bytes that do not match are a {@link SourceIntegrityException} (retried, then SOURCE_INTEGRITY), an
 * edge that cannot be reached is any other {@link IOException} (retried without limit), a location that is no URI
 * this worker reads is a {@link SourceImageException} (SOURCE_UNREADABLE).
 */
public final class SourceInstances implements AutoCloseable {

    private final Optional<SourceCache> cache;
    private final Optional<SourceFetcher> fetcher;

    private SourceInstances(Optional<SourceFetcher> fetcher, Optional<SourceCache> cache) {
        this.fetcher = fetcher;
        this.cache = cache;
    }

    /** Local files and fetches from the edge, configured by {@code spa.worker.source.*}. */
    public static SourceInstances create(SourceFetchConfig config) {
        SourceFetcher fetcher = new SourceFetcher(config);
        return new SourceInstances(Optional.of(fetcher),
                Optional.of(new SourceCache(config.cacheDirectory(), config.cacheMaxBytes(), fetcher)));
    }

    /** Local {@code file:} locations only (tests, and a worker that must never reach the network). */
    public static SourceInstances localFilesOnly() {
        return new SourceInstances(Optional.empty(), Optional.empty());
    }

    /**
     * The instance as a local file, held until the result is closed.
     *
     * @throws SourceImageException the location is not a URI this worker reads (permanent)
     * @throws IOException          see the class comment
     */
    public LocalSource open(InstanceReference instance) throws IOException, SourceImageException {
        URI location;
        try {
            location = URI.create(instance.location());
        } catch (IllegalArgumentException e) {
            throw new SourceImageException("the source location is not a valid URI", e);
        }
        String scheme = location.getScheme() == null ? "" : location.getScheme();
        if (scheme.equals("file")) {
            try {
                return new LocalSource(Path.of(location), () -> { });
            } catch (IllegalArgumentException e) {
                throw new SourceImageException("the source location is not a valid file URI", e);
            }
        }
        if ((scheme.equals("http") || scheme.equals("https")) && location.getHost() != null) {
            if (cache.isEmpty()) {
                throw new SourceImageException("the source location is an " + scheme + " URL and this worker reads"
                        + " local files only");
            }
            return cache.get().obtain(instance, location);
        }
        throw new SourceImageException("the source location is neither a file: URI nor an http(s): URL");
    }

    @Override
    public void close() {
        fetcher.ifPresent(SourceFetcher::close);
    }
}
