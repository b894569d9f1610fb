package org.spagateway.dicom.objects;

/**
 * The source image is valid DICOM but in a form this worker cannot decode or segment: a compressed transfer syntax
 * with no decoder on the class path (JPEG-LS, 12-bit JPEG), more than one frame, or a pixel format other than 8-bit
 * RGB and 16-bit monochrome. Permanent for this file; the round is dead-lettered {@code SOURCE_UNSUPPORTED}, which
 * tells an operator that the sender, not the file, should change (e.g. send it uncompressed).
 */
public final class SourceUnsupportedException extends SourceImageException {

    private static final long serialVersionUID = 1L;

    public SourceUnsupportedException(String message) {
        super(message);
    }

    public SourceUnsupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
