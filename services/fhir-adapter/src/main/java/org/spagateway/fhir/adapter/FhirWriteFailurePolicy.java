package org.spagateway.fhir.adapter;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/**
 * What a failed FHIR write says about the record and about the server, from the answer alone:
 * <ul>
 *   <li>{@link Verdict#UNAVAILABLE}: the server is down or cannot take the write now, whatever the record: no answer,
 *       502/503/504 (a proxy in front of a server that is down or restarting), 408, 429 (overloaded), and 401 (the
 *       gateway's credentials are refused: every record fails alike until an operator fixes them). Retried without
 *       limit, never dead-lettered.</li>
 *   <li>{@link Verdict#SUSPECT}: the server answered, and the failure may pass or may be this record's for good:
 *       409 (a concurrent write, e.g. two conditional creates of one Practitioner, HAPI-2745, that a retry resolves),
 *       403 (the server's policy refuses this record, or the gateway as a whole), 500 and the other server errors.
 *       Retried a few times; then dead-lettered if the server still answers, retried without limit if it does
 *       not ({@link FhirWriteAttempts}).</li>
 *   <li>{@link Verdict#PERMANENT}: the same request would fail the same way: the other 4xx (400, 404, 412: two
 *       resources already match a conditional create, 422), 501, and anything that is not an HTTP answer (a defect in
 *       the mapping). Dead-lettered at once.</li>
 * </ul>
 */
final class FhirWriteFailurePolicy {

    enum Verdict { UNAVAILABLE, SUSPECT, PERMANENT }

    Verdict classify(Throwable failure) {
        if (failure instanceof FhirClientConnectionException) {
            return Verdict.UNAVAILABLE;
        }
        if (!(failure instanceof BaseServerResponseException response)) {
            return Verdict.PERMANENT;
        }
        int status = response.getStatusCode();
        if (status == 0 || status == 401 || status == 408 || status == 429 || status == 502 || status == 503
                || status == 504) {
            return Verdict.UNAVAILABLE;
        }
        if (status == 403 || status == 409 || (status >= 500 && status != 501)) {
            return Verdict.SUSPECT;
        }
        return Verdict.PERMANENT;
    }

    /** The HTTP status of a failure the server answered, or 0. */
    static int status(Throwable failure) {
        return failure instanceof BaseServerResponseException response ? response.getStatusCode() : 0;
    }
}
