package org.spagateway.seg.export;

import java.nio.file.Path;
import org.spagateway.dicom.sender.DicomStoreClient;
import org.spagateway.dicom.sender.StoreOutcome;

/** Sends each SEG by its destination's transport: C-STORE through the SCU, STOW-RS through the HTTP client. */
final class TransportSender implements SegmentationSender {

    private final DicomStoreClient cStore;
    private final StowRsClient stowRs;

    TransportSender(DicomStoreClient cStore, StowRsClient stowRs) {
        this.cStore = cStore;
        this.stowRs = stowRs;
    }

    @Override
    public StoreOutcome send(Path part10File, String sopInstanceUid, ExportDestination destination,
                             String traceparent)
            throws InterruptedException {
        if (destination instanceof StowRsDestination web) {
            return stowRs.store(part10File, sopInstanceUid, web, traceparent);
        }
        return cStore.store(part10File, ((CStoreDestination) destination).scp());
    }
}
