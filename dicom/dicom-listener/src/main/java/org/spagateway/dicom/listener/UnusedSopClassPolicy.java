package org.spagateway.dicom.listener;

import java.util.Locale;

/**
 * What the listener does with instances of storage SOP classes that no task uses ({@code spa.listener.
 * unused-sop-classes}): a PACS auto-routes whole studies, and a study with a structured report, a key object
 * selection or a presentation state in it must not be half-refused. Refusing is still possible for sites that want
 * the sender to see them fail.
 */
public enum UnusedSopClassPolicy {

    /** Rejected at negotiation (abstract-syntax-not-supported), as any unknown abstract syntax. */
    REFUSE,
    /** Accepted in any transfer syntax the sender proposes, answered success, read to the end and thrown away. */
    DISCARD,
    /**
     * Accepted in the configured transfer syntaxes, checked and stored under {@code <storage-root>/.unused/} as the
     * announced instances are (durably, atomically), answered success, never announced.
     */
    STORE;

    static UnusedSopClassPolicy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not one of refuse, discard, store", e);
        }
    }

    String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
