package org.spagateway.dicom.listener;

import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a URL of this listener's own WADO-RS endpoint ({@code spa.listener.wado.public-base-url}), as its events name
 * stored instances for workers on other hosts, back into the file it stored, for readers in the same process (the
 * edge's candidate picker), which would otherwise fetch from itself over HTTP. The instance is looked up among what is
 * stored ({@link StoredInstanceLookup}), never built from the location's text.
 */
public final class StoredInstanceLocations {

    private final Optional<String> publicBase;
    private final StoredInstanceLookup lookup;

    private StoredInstanceLocations(Path root, Optional<URI> publicBaseUrl) {
        this.publicBase = publicBaseUrl.map(url -> url.toString().replaceAll("/+$", ""));
        this.lookup = new StoredInstanceLookup(root);
    }

    public static StoredInstanceLocations of(ListenerConfig config) {
        return new StoredInstanceLocations(config.storageRoot(), config.wado().publicBaseUrl());
    }

    /**
     * The stored file a location names: empty when it is not this listener's (another scheme, another host, another
     * store) or no longer stored.
     */
    public Optional<Path> localFile(String location) throws IOException {
        if (publicBase.isPresent() && location.startsWith(publicBase.get() + WadoInstancePath.ROOT + "/")) {
            WadoInstancePath.Parsed parsed = WadoInstancePath.parse(location.substring(publicBase.get().length()));
            try {
                return parsed instanceof WadoInstancePath.Instance instance ? lookup.find(instance.path())
                        : Optional.empty();
            } catch (NoSuchFileException e) {
                return Optional.empty(); // the study's (or the store's) folder is not there
            }
        }
        return Optional.empty();
    }
}
