package org.spagateway.fhir.adapter;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/**
 * Whether a failed FHIR write may succeed later. Retriable: the server cannot be reached or answers with a server
 * error, 408 or 429 (it is down, restarting or overloaded), 409 (a concurrent write: two of the adapter's routes
 * conditionally created the same Practitioner, Device or ImagingStudy at once, and HAPI FHIR JPA's unique index on
 * conditional-create criteria refused the second, HAPI-2745, or merged series into the same ImagingStudy version,
 * HAPI-0989; sent again, the conditional create finds the first and the merge starts from the current version),
 * and 401/403 (the gateway's credentials or the server's policy are wrong, which an operator fixes without the
 * record being lost). Everything else is permanent: the same request would fail the same way (e.g. 412, two
 * resources already match a conditional create), so the record is dead-lettered instead of blocking its partition.
 */
final class FhirWriteFailurePolicy {

    enum Verdict { RETRY, PERMANENT }

    Verdict classify(Throwable failure) {
        if (failure instanceof FhirClientConnectionException) {
            return Verdict.RETRY;
        }
        if (failure instanceof BaseServerResponseException response) {
            int status = response.getStatusCode();
            boolean retriable = status >= 500 || status == 408 || status == 409 || status == 429 || status == 401
                    || status == 403 || status == 0;
            return retriable ? Verdict.RETRY : Verdict.PERMANENT;
        }
        return Verdict.PERMANENT;
    }
}
