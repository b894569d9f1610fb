package org.spagateway.dicom.network;

import java.lang.reflect.Field;

/**
 * Prepares PixelMed's acceptor for the listener, once at start-up, before any association.
 *
 * <p>Shortens PixelMed's fixed wait after an A-RELEASE-RP. PS3.8 9.2 (state 13) has the acceptor wait, bounded by the
 * ARTIM timer, for the requestor to close the transport connection; PixelMed instead always sleeps the full 5 s
 * ({@code associationReleaseToTransportConnectionCloseTimeoutInMilliseconds}, private, no setter), which holds an
 * association slot and a thread for 5 s after every association. The requestor closes the connection right after
 * the A-RELEASE-RP anyway, so a short wait is conformant and loses nothing. The field is PixelMed's own static
 * state, so setting it again is harmless.
 *
 * <p>Also links the P-DATA bridge, so a PixelMed that no longer lets it in fails here, not on the first association.
 */
public final class PixelMedTuning {

    static final int RELEASE_TO_CLOSE_MILLIS = 100;

    private PixelMedTuning() {
    }

    /**
     * @throws IncompatiblePixelMedException when either internal is missing or changed: the listener must fail to
     *                                       start rather than run 5 s per association slower, or accept associations
     *                                       it cannot receive on
     */
    public static void apply() {
        Field wait = PixelMedInternals.releaseToCloseWait();
        try {
            wait.setInt(null, RELEASE_TO_CLOSE_MILLIS);
        } catch (IllegalAccessException e) {
            throw new IncompatiblePixelMedException("com.pixelmed.network.Association."
                    + PixelMedInternals.RELEASE_TO_CLOSE_WAIT, "cannot be written", e);
        }
        PixelMedInternals.linkPresentationDataBridge();
    }
}
