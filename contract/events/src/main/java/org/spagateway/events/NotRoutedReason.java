package org.spagateway.events;

/** Machine-readable reasons for {@link StudyNotRouted}. */
public enum NotRoutedReason {
    /** No routing rule matched the study's attributes. */
    NO_MATCHING_RULE,
    /** The study is the gateway's own output (e.g. a DICOM-SEG exported back): never re-inferred (no loops). */
    DERIVED_OBJECT
}
