package org.spagateway.inference.worker.prep;

import java.util.Objects;

/**
 * Where a locator found the structure: the crop window around it, and how much evidence it saw (the found region's
 * area in source pixels), which ranks the slices of a series when only one of them is segmented.
 */
public record Localisation(CropWindow window, double evidence) {

    public Localisation {
        Objects.requireNonNull(window, "window");
    }
}
