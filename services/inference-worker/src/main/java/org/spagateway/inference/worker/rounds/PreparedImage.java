package org.spagateway.inference.worker.rounds;

import java.util.Objects;
import org.spagateway.spa.model.ModelImage;
import org.spagateway.inference.worker.prep.CropWindow;

/**
 * A session's source image as the model sees it: the crop around the structure, resampled and normalised as training
 * did, with what mapping the masks back needs. Computed from the source file alone (deterministic), so a copy from
 * the cache and a fresh one are the same.
 *
 * @param input   the model input
 * @param window  the crop window on the source grid
 * @param columns source image width
 * @param rows    source image height
 */
record PreparedImage(ModelImage input, CropWindow window, int columns, int rows) {

    PreparedImage {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(window, "window");
    }
}
