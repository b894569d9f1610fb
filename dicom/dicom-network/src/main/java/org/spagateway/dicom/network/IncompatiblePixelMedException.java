package org.spagateway.dicom.network;

/**
 * A PixelMed internal that the door relies on is missing or no longer what it was: the PixelMed on the class path is
 * not the one this code was written against (Debian's libpixelmed-java 20220618). Thrown at start-up or first use,
 * never logged and ignored: running on without the member would quietly change behaviour (associations holding their
 * slot 5 s longer, ~40 ms per DIMSE message without TCP_NODELAY).
 */
public final class IncompatiblePixelMedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    IncompatiblePixelMedException(String member, String problem, Throwable cause) {
        super("PixelMed's " + member + " " + problem + ": a PixelMed upgrade changed it; adapt "
                + "org.spagateway.dicom.network (dicom/dicom-network), whose PixelMedInternalsTest lists every internal "
                + "the door relies on", cause);
    }
}
