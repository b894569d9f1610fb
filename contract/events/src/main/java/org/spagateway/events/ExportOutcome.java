package org.spagateway.events;

/** How a PACS answered the C-STORE of an exported SEG (PS3.4 B.2.3). */
public enum ExportOutcome {
    /** Status 0000: stored. */
    STORED,
    /** A warning status (B000, B006, B007) or 0111 duplicate instance: the PACS holds the instance. */
    STORED_WITH_WARNING
}
