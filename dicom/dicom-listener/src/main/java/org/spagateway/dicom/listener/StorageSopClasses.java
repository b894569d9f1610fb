package org.spagateway.dicom.listener;

import java.util.List;

/** The listener's default SOP-class and transfer-syntax allow-lists, with the reason for each entry. */
final class StorageSopClasses {

    /** Verification SOP Class (PS3.4 A.4): always accepted, for C-ECHO. */
    static final String VERIFICATION = "1.2.840.10008.1.1";

    /**
     * Storage SOP classes (PS3.4 B.5) stored and announced unless configured otherwise: the single-frame image
     * classes the tasks read. Enhanced (multi-frame) CT and MR are not among them: the inference worker segments
     * single-frame images only, so they are handled as unused classes ({@link UnusedSopClassPolicy}), ignored or
     * refused at negotiation, instead of being announced and then dead-lettered as unreadable.
     */
    static final List<String> DEFAULTS = List.of(
            "1.2.840.10008.5.1.4.1.1.2",          // CT Image Storage (demo: CT lung nodule)
            "1.2.840.10008.5.1.4.1.1.4",          // MR Image Storage
            "1.2.840.10008.5.1.4.1.1.1",          // Computed Radiography Image Storage
            "1.2.840.10008.5.1.4.1.1.1.1",        // Digital X-Ray Image Storage - For Presentation
            "1.2.840.10008.5.1.4.1.1.77.1.5.1",   // Ophthalmic Photography 8 Bit (demo: fundus)
            "1.2.840.10008.5.1.4.1.1.77.1.5.2",   // Ophthalmic Photography 16 Bit
            "1.2.840.10008.5.1.4.1.1.77.1.4",     // VL Photographic Image Storage
            "1.2.840.10008.5.1.4.1.1.7",          // Secondary Capture Image Storage
            "1.2.840.10008.5.1.4.1.1.66.4");      // Segmentation Storage (stored; the router does not infer on it)

    /** PS3.4 B.5: every standard storage SOP class UID lies under this root. */
    static final String STANDARD_STORAGE_ROOT = "1.2.840.10008.5.1.4.1.1.";
    /** PS3.5 9: UIDs under this root are DICOM's own; any other root is a private (vendor) UID. */
    static final String DICOM_ROOT = "1.2.840.10008.";

    /**
     * Transfer syntaxes accepted by default, most preferred first (PS3.5 10, A.4). Explicit VR Little Endian first:
     * it is the lossless uncompressed syntax every peer supports and keeps VRs explicit. The compressed syntaxes
     * archives and modalities commonly send are accepted so that nothing has to be decompressed on the way in, and
     * stored as received: JPEG Lossless (Process 14 SV1 and 14), JPEG Baseline (ophthalmic cameras), RLE Lossless
     * and JPEG 2000 are decoded by the inference worker (PixelMed, its JPEG Lossless codec and JJ2000); JPEG Extended
     * (12-bit) and JPEG-LS are stored, and a round on them is dead-lettered {@code SOURCE_UNSUPPORTED} (no decoder in
     * any registry this project may use). Explicit VR Big Endian is retired (PS3.5 A.3) and, with the deflated
     * syntaxes, accepted only for instances that are discarded unread ({@link UnusedSopClassPolicy#DISCARD}).
     */
    static final List<String> DEFAULT_TRANSFER_SYNTAXES = List.of(
            "1.2.840.10008.1.2.1",      // Explicit VR Little Endian
            "1.2.840.10008.1.2.4.70",   // JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 SV1)
            "1.2.840.10008.1.2.4.57",   // JPEG Lossless, Non-Hierarchical (Process 14)
            "1.2.840.10008.1.2.4.50",   // JPEG Baseline (Process 1)
            "1.2.840.10008.1.2.4.51",   // JPEG Extended (Process 2 & 4)
            "1.2.840.10008.1.2.5",      // RLE Lossless
            "1.2.840.10008.1.2.4.90",   // JPEG 2000 Image Compression (Lossless Only)
            "1.2.840.10008.1.2.4.91",   // JPEG 2000 Image Compression
            "1.2.840.10008.1.2.4.80",   // JPEG-LS Lossless Image Compression
            "1.2.840.10008.1.2.4.81",   // JPEG-LS Lossy (Near-Lossless) Image Compression
            "1.2.840.10008.1.2");       // Implicit VR Little Endian (the default syntax, PS3.5 A.1)

    /** Syntaxes whose data sets the listener cannot read: Explicit VR Big Endian, Deflated, JPIP Referenced Deflate. */
    static final List<String> UNREADABLE_TRANSFER_SYNTAXES = List.of(
            "1.2.840.10008.1.2.2",
            "1.2.840.10008.1.2.1.99",
            "1.2.840.10008.1.2.4.95");

    /** A storage SOP class: a standard one (PS3.4 B.5) or a private one, which PACS route along with studies. */
    static boolean isStorage(String sopClassUid) {
        return sopClassUid.startsWith(STANDARD_STORAGE_ROOT) || !sopClassUid.startsWith(DICOM_ROOT);
    }

    private StorageSopClasses() {
    }
}
