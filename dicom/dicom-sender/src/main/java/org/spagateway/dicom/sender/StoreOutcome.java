package org.spagateway.dicom.sender;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of one C-STORE attempt.
 *
 * @param disposition what the caller should do with it
 * @param dimseStatus the C-STORE response Status (0000,0900) when a response arrived
 * @param failure     why it was not stored; empty when stored
 * @param detail      a human-readable explanation, never a dataset
 */
public record StoreOutcome(Disposition disposition, Optional<Integer> dimseStatus, Optional<StoreFailure> failure,
                           String detail) {

    /** What a C-STORE outcome means for the sender. */
    public enum Disposition {
        /** Status 0000. */
        STORED,
        /** A warning status, or duplicate SOP instance: the SCP holds the instance. */
        STORED_WITH_WARNING,
        /** Not stored; the same request may succeed later. */
        RETRIABLE,
        /** Not stored; repeating the same request fails the same way. */
        PERMANENT;

        public boolean stored() {
            return this == STORED || this == STORED_WITH_WARNING;
        }
    }

    public StoreOutcome {
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(dimseStatus, "dimseStatus");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(detail, "detail");
        if (disposition.stored() == failure.isPresent()) {
            throw new IllegalArgumentException("a stored outcome has no failure and a failed one has one");
        }
    }

    public boolean stored() {
        return disposition.stored();
    }

    /** The outcome of a C-STORE response with {@code status}, classified by {@link ExportFailurePolicy}. */
    public static StoreOutcome ofStatus(int status) {
        Disposition disposition = ExportFailurePolicy.forStatus(status);
        String detail = "C-STORE status " + ExportFailurePolicy.hex(status) + " ("
                + ExportFailurePolicy.describeStatus(status) + ")";
        return new StoreOutcome(disposition, Optional.of(status),
                disposition.stored() ? Optional.empty() : Optional.of(StoreFailure.DIMSE_FAILURE), detail);
    }

    /** A failure before any C-STORE response, classified by {@link ExportFailurePolicy}. */
    public static StoreOutcome failed(StoreFailure failure, String detail) {
        return new StoreOutcome(ExportFailurePolicy.forFailure(failure), Optional.empty(), Optional.of(failure),
                detail);
    }
}
