package org.spagateway.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.spagateway.dicom.listener.StoredInstanceLocations;
import org.spagateway.reporting.api.DicomObjectSource;

/**
 * The source instances the edge's candidate picker draws, when the listener runs in the same process: a location of
 * the listener's own WADO-RS endpoint (what events carry once workers fetch over HTTP) is read from the listener's
 * store directly; any other location goes to {@code others} ({@code file:} URIs).
 */
final class EdgeDicomObjects implements DicomObjectSource {

    private final StoredInstanceLocations stored;
    private final DicomObjectSource others;

    EdgeDicomObjects(StoredInstanceLocations stored, DicomObjectSource others) {
        this.stored = stored;
        this.others = others;
    }

    @Override
    public InputStream open(String location) throws IOException {
        Optional<Path> file = stored.localFile(location);
        return file.isPresent() ? Files.newInputStream(file.get()) : others.open(location);
    }
}
