package org.spagateway.dicom.listener;

import java.util.List;

/** The listener's default SOP-class and transfer-syntax allow-lists, with the reason for each entry. */
final class StorageSopClasses {

    /** Verification SOP Class (PS3.4 A.4): always accepted, for C-ECHO. */
    static final String VERIFICATION = "1.2.840.10008.1.1";

    /** Storage SOP classes (PS3.4 B.5) accepted unless configured otherwise. */
    static final List<String> DEFAULTS = List.of(
            "1.2.840.10008.5.1.4.1.1.2",          // CT Image Storage (demo: CT lung nodule)
            "1.2.840.10008.5.1.4.1.1.2.1",        // Enhanced CT Image Storage
            "1.2.840.10008.5.1.4.1.1.4",          // MR Image Storage
            "1.2.840.10008.5.1.4.1.1.4.1",        // Enhanced MR Image Storage
            "1.2.840.10008.5.1.4.1.1.1",          // Computed Radiography Image Storage
            "1.2.840.10008.5.1.4.1.1.1.1",        // Digital X-Ray Image Storage - For Presentation
            "1.2.840.10008.5.1.4.1.1.77.1.5.1",   // Ophthalmic Photography 8 Bit (demo: fundus)
            "1.2.840.10008.5.1.4.1.1.77.1.5.2",   // Ophthalmic Photography 16 Bit
            "1.2.840.10008.5.1.4.1.1.77.1.4",     // VL Photographic Image Storage
            "1.2.840.10008.5.1.4.1.1.7",          // Secondary Capture Image Storage
            "1.2.840.10008.5.1.4.1.1.66.4");      // Segmentation Storage (stored; the router does not infer on it)

    /**
     * Transfer syntaxes accepted by default, most preferred first (PS3.5 10, A.4). Explicit VR Little Endian first:
     * it is the lossless uncompressed syntax every peer supports and keeps VRs explicit. JPEG Lossless (Process 14
     * SV1 and Process 14) are accepted so compressed archives need not decompress. JPEG Baseline is accepted because
     * ophthalmic cameras commonly produce it (the OP IOD allows it) and Java decodes it natively. Explicit VR Big
     * Endian is retired (PS3.5 A.3) and not accepted.
     */
    static final List<String> DEFAULT_TRANSFER_SYNTAXES = List.of(
            "1.2.840.10008.1.2.1",      // Explicit VR Little Endian
            "1.2.840.10008.1.2.4.70",   // JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 SV1)
            "1.2.840.10008.1.2.4.57",   // JPEG Lossless, Non-Hierarchical (Process 14)
            "1.2.840.10008.1.2.4.50",   // JPEG Baseline (Process 1)
            "1.2.840.10008.1.2");       // Implicit VR Little Endian (the default syntax, PS3.5 A.1)

    /** Syntaxes whose data sets the listener cannot read: Explicit VR Big Endian, Deflated, JPIP Referenced Deflate. */
    static final List<String> UNREADABLE_TRANSFER_SYNTAXES = List.of(
            "1.2.840.10008.1.2.2",
            "1.2.840.10008.1.2.1.99",
            "1.2.840.10008.1.2.4.95");

    private StorageSopClasses() {
    }
}
