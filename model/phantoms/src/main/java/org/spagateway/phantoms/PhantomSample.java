package org.spagateway.phantoms;

import java.util.List;
import java.util.NoSuchElementException;

/** One rendered image and the soft inclusion map of each structure drawn in it, on the same pixel grid. */
public record PhantomSample(PhantomImage image, List<SoftMask> structures) {

    public PhantomSample {
        structures = List.copyOf(structures);
        for (SoftMask mask : structures) {
            if (mask.width() != image.width() || mask.height() != image.height()) {
                throw new IllegalArgumentException("mask " + mask.structure() + " is not on the image grid");
            }
        }
    }

    public SoftMask structure(String name) {
        return structures.stream()
                .filter(mask -> mask.structure().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no structure " + name));
    }
}
