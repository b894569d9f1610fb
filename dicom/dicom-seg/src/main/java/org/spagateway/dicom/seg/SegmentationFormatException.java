package org.spagateway.dicom.seg;

/**
 * A stored object is not a BINARY Segmentation this reader can unpack (not DICOM, another SOP class, FRACTIONAL,
 * frames without a segment number, too little pixel data). Permanent: reading the same bytes again fails again.
 */
public final class SegmentationFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public SegmentationFormatException(String message) {
        super(message);
    }

    public SegmentationFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
