package org.spagateway.dicom.objects;

import java.util.Objects;
import java.util.Optional;

/**
 * A source image with what a viewer needs to show it as the modality intended: its pixels in physical units
 * ({@link SourcePixels}), the first VOI window the instance recommends (PS3.3 C.11.2: Window Center (0028,1050) and
 * Window Width (0028,1051), in the units of the rescaled values) and whether the greyscale is MONOCHROME1 (minimum
 * shown white, PS3.3 C.7.6.3.1.2).
 *
 * @param pixels   the decoded pixels
 * @param window   the instance's first window; empty when it has none (or an unusable width below 1)
 * @param inverted true for MONOCHROME1
 */
public record DisplayableSource(SourcePixels pixels, Optional<VoiWindow> window, boolean inverted) {

    public DisplayableSource {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(window, "window");
    }

    /**
     * A VOI LUT window.
     *
     * @param center Window Center
     * @param width  Window Width, at least 1
     */
    public record VoiWindow(double center, double width) {

        public VoiWindow {
            if (!(width >= 1)) {
                throw new IllegalArgumentException("window width must be at least 1, was " + width);
            }
        }
    }
}
