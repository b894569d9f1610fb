package org.spagateway.dicom.listener;

import com.pixelmed.network.Association;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shortens PixelMed's fixed wait after an A-RELEASE-RP. PS3.8 9.2 (state 13) has the acceptor wait, bounded by the
 * ARTIM timer, for the requestor to close the transport connection; PixelMed instead always sleeps the full 5 s
 * ({@code associationReleaseToTransportConnectionCloseTimeoutInMilliseconds}, private, no setter), which holds an
 * association slot and a thread for 5 s after every association. The requestor closes the connection right after
 * the A-RELEASE-RP anyway, so a short wait is conformant and loses nothing. If the field cannot be set (another
 * PixelMed version), the listener still works, only slower to free slots.
 */
final class PixelMedTuning {

    private static final Logger LOG = LoggerFactory.getLogger(PixelMedTuning.class);
    static final int RELEASE_TO_CLOSE_MILLIS = 100;
    private static boolean applied;

    private PixelMedTuning() {
    }

    static synchronized void apply() {
        if (applied) {
            return;
        }
        applied = true;
        try {
            Field field = Association.class
                    .getDeclaredField("associationReleaseToTransportConnectionCloseTimeoutInMilliseconds");
            field.setAccessible(true);
            field.setInt(null, RELEASE_TO_CLOSE_MILLIS);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Cannot shorten PixelMed's post-release wait ({}); associations hold their slot 5 s longer",
                    e.toString());
        }
    }
}
