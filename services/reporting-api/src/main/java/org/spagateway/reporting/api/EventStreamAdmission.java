package org.spagateway.reporting.api;

import java.util.Optional;

/**
 * Whether a {@code GET /events} request may open a stream: the caller it streams for, or the answer that refuses it.
 *
 * @param caller  the admitted caller
 * @param refusal the answer instead of a stream
 */
record EventStreamAdmission(Optional<Caller> caller, Optional<ApiResponse> refusal) {

    static EventStreamAdmission admitted(Caller caller) {
        return new EventStreamAdmission(Optional.of(caller), Optional.empty());
    }

    static EventStreamAdmission refused(ApiResponse refusal) {
        return new EventStreamAdmission(Optional.empty(), Optional.of(refusal));
    }
}
