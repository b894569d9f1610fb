package org.spagateway.dicom.sender;

import java.nio.file.Path;

/**
 * Sends one DICOM Part 10 file to a Storage SCP with C-STORE (PS3.4 Annex B, PS3.7 9.1.1). Implementations never
 * throw for a failed send: the outcome says whether it was stored and, if not, whether trying again can help.
 */
public interface DicomStoreClient {

    StoreOutcome store(Path part10File, StoreDestination destination);
}
