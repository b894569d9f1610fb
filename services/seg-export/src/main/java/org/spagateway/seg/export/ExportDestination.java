package org.spagateway.seg.export;

/**
 * Somewhere every SEG is exported to: a DICOM Storage SCP reached by C-STORE ({@link CStoreDestination}) or a
 * DICOMweb origin server reached by STOW-RS ({@link StowRsDestination}). Both follow one failure policy: stored (or
 * stored with a warning) -> a SegmentationExported; down -> retried without limit; refused -> dead-lettered.
 */
public sealed interface ExportDestination permits CStoreDestination, StowRsDestination {

    /** The configured name, used in logs, route ids, consumer groups, events and dead-letter headers. */
    String name();

    /** The AE title recorded as the destination in SegmentationExported and the export AuditEvent. */
    String aeTitle();

    /** Whether SEGs reach it over TLS (DICOM TLS, or HTTPS). */
    boolean tls();
}
