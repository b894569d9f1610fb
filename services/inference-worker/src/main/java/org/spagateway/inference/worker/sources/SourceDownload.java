package org.spagateway.inference.worker.sources;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.spagateway.dicom.objects.SourceImageException;

/** Writes the bytes of the instance at a location to a stream ({@link SourceFetcher} over HTTP; tests give bytes). */
@FunctionalInterface
interface SourceDownload {

    /**
     * @throws java.nio.file.NoSuchFileException the location holds no instance (permanent)
     * @throws SourceImageException              the request for it is refused as wrong (permanent)
     * @throws IOException                       the location cannot be reached now (retried)
     */
    void fetch(URI location, OutputStream out) throws IOException, SourceImageException;
}
