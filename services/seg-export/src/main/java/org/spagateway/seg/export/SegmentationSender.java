package org.spagateway.seg.export;

import java.nio.file.Path;
import org.spagateway.dicom.sender.StoreOutcome;

/**
 * Sends one SEG (a DICOM Part 10 file) to one export destination by its transport. Never throws for a failed send:
 * the outcome says whether it was stored and, if not, whether trying again can help.
 */
@FunctionalInterface
public interface SegmentationSender {

    /**
     * @param sopInstanceUid the SEG's SOP Instance UID, as the event names it
     * @param traceparent the W3C {@code traceparent} of this attempt, sent where the transport carries headers
     * @throws InterruptedException when interrupted while waiting for the answer (shutdown)
     */
    StoreOutcome send(Path part10File, String sopInstanceUid, ExportDestination destination, String traceparent)
            throws InterruptedException;
}
