package org.spagateway.reporting.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the picker gets the bytes of a stored DICOM object (a session's source instance, a round's SEG) from the
 * location its reference carries ({@code InstanceReference.location}, {@code SegmentationReference.location}).
 * Today the locations are {@code file:} URIs of storage the edge shares with the listener and the workers
 * ({@link FileDicomObjectSource}); once services share no folder (issue 15) an implementation retrieves them over
 * HTTP, and nothing that renders the objects changes.
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

    /** A location of a scheme (or form) the source does not serve. */
    final class UnsupportedLocationException extends IOException {

        private static final long serialVersionUID = 1L;

        public UnsupportedLocationException(String message) {
            super(message);
        }
    }
}
