package org.spagateway.dicom.listener;

import java.util.Optional;

/**
 * What happened to one received instance.
 *
 * @param outcome  stored, replaced, duplicate, ignored or failed
 * @param status   the C-STORE response status
 * @param instance the stored instance, present unless failed or ignored and discarded
 */
record StoreResult(Outcome outcome, DimseStatus status, Optional<StoredInstance> instance) {

    enum Outcome {
        /** First time this SOP Instance UID was stored. */
        STORED,
        /** Same SOP Instance UID, different data set: the new one replaced the old one. */
        REPLACED,
        /** Same SOP Instance UID and byte-identical data set: nothing changed. */
        DUPLICATE,
        /** A SOP class no task uses, accepted by policy: discarded, or kept and never announced. */
        IGNORED,
        /** Not stored; {@link #status()} says why. */
        FAILED
    }

    static StoreResult failed(DimseStatus status) {
        return new StoreResult(Outcome.FAILED, status, Optional.empty());
    }

    static StoreResult ignored(Optional<StoredInstance> kept) {
        return new StoreResult(Outcome.IGNORED, DimseStatus.SUCCESS, kept);
    }

    static StoreResult of(Outcome outcome, StoredInstance instance) {
        return new StoreResult(outcome, DimseStatus.SUCCESS, Optional.of(instance));
    }
}
