package org.spagateway.reporting.api;

import java.io.IOException;
import java.io.InputStream;
import org.spagateway.events.SegmentationReference;

/**
 * Where the picker gets the bytes of a stored DICOM object: a session's source instance from the location its
 * reference carries ({@code InstanceReference.location}: the edge's own storage, {@link FileDicomObjectSource}), a
 * round's SEG by its reference ({@link #openSegmentation}): in service from the session ledger's database by SOP
 * Instance UID ({@link LedgerDicomObjectSource}), since services share no folder. Nothing that renders the objects
 * depends on where they come from.
 */
@FunctionalInterface
public interface DicomObjectSource {

    /**
     * Opens the object's Part 10 bytes; the caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException the object is not (or no longer) there: permanent for this location
     * @throws UnsupportedLocationException      this source cannot fetch such a location: permanent
     * @throws IOException                       the storage could not be reached: worth retrying
     */
    InputStream open(String location) throws IOException;

    /**
     * Opens a SEG's Part 10 bytes; by default from its location (tests, a single host), in service from the ledger's
     * database ({@link LedgerDicomObjectSource}). Same failures as {@link #open}.
     */
    default InputStream openSegmentation(SegmentationReference segmentation) throws IOException {
        return open(segmentation.location());
    }

    /** A location of a scheme (or form) the source does not serve. */
    final class UnsupportedLocationException extends IOException {

        private static final long serialVersionUID = 1L;

        public UnsupportedLocationException(String message) {
            super(message);
        }
    }
}
