package org.spagateway.reporting.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import org.spagateway.events.SegmentationReference;
import org.spagateway.sessions.SessionArtifacts;

/**
 * The picker's objects where they live once services share no folder: a round's SEG from the session ledger's
 * database, by its SOP Instance UID ({@link SessionArtifacts}: the worker committed it before announcing the round),
 * never from the location the event names (the worker's own copy, on another host); a session's source instance from
 * its location through {@code sources}, because sources are the edge's own storage (the listener's folder, which
 * workers fetch over WADO-RS) and this edge reads them locally.
 *
 * <p>A SEG the database does not hold answers {@link NoSuchFileException} (the picker's 404 {@code OBJECT_MISSING});
 * a database that cannot be reached throws the ledger's {@link org.spagateway.sessions.LedgerUnavailableException}
 * (503, retry later).
 */
public final class LedgerDicomObjectSource implements DicomObjectSource {

    private final SessionArtifacts segmentations;
    private final DicomObjectSource sources;

    public LedgerDicomObjectSource(SessionArtifacts segmentations, DicomObjectSource sources) {
        this.segmentations = segmentations;
        this.sources = sources;
    }

    @Override
    public InputStream open(String location) throws IOException {
        return sources.open(location);
    }

    @Override
    public InputStream openSegmentation(SegmentationReference segmentation) throws IOException {
        byte[] part10 = segmentations.segmentation(segmentation.sopInstanceUid())
                .orElseThrow(() -> new NoSuchFileException("segmentation", null, "not in the session ledger"));
        return new ByteArrayInputStream(part10);
    }
}
