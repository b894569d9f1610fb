package org.spagateway.dicom.listener;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.spagateway.events.CompletionReason;

/**
 * A study version the tracker declared complete.
 *
 * @param studyInstanceUid   (0020,000D)
 * @param version            1 for the first completion, then 2, 3...
 * @param reason             why it is complete
 * @param instances          every instance stored for the study so far, in arrival order
 * @param added              SOP Instance UIDs new or changed in this version
 * @param callingAeTitle     the AE that sent the last instance of this version
 * @param firstReceivedAt    first instance of this version
 * @param lastReceivedAt     last instance of this version
 */
record CompletedStudy(String studyInstanceUid, int version, CompletionReason reason, List<StoredInstance> instances,
                      Set<String> added, String callingAeTitle, Instant firstReceivedAt,
                      Instant lastReceivedAt) {

    CompletedStudy {
        instances = List.copyOf(instances);
        added = Set.copyOf(added);
    }

    int addedInstanceCount() {
        return added.size();
    }
}
