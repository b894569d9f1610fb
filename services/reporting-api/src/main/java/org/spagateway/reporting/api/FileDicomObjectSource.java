package org.spagateway.reporting.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code file:} locations (the listener's and the workers' storage on a volume the edge shares). Any other
 * scheme is refused: the locations come from the ledger, which the workers write, but a location must never turn
 * this process into a client of arbitrary URLs.
 */
public final class FileDicomObjectSource implements DicomObjectSource {

    @Override
    public InputStream open(String location) throws IOException {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedLocationException("not a URI");
        }
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            throw new UnsupportedLocationException("only file: locations are read here, not " + uri.getScheme()
                    + ":");
        }
        Path file;
        try {
            file = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedLocationException("not a file path");
        }
        return Files.newInputStream(file);
    }
}
