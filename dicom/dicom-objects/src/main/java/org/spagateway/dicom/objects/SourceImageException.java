package org.spagateway.dicom.objects;

/**
 * The source image cannot be segmented: unreadable, not DICOM, multi-frame with more than one frame, or missing
 * an attribute the SEG must copy. Permanent: retrying the same file gives the same answer.
 */
public class SourceImageException extends Exception {

    private static final long serialVersionUID = 1L;

    public SourceImageException(String message) {
        super(message);
    }

    public SourceImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
