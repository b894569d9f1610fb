package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Someone read or queried session records through the gateway's own API (the choice API's session reads): the
 * FHIR adapter records it as a BALP read or query AuditEvent, which answers "who accessed these records".
 * Key: session id.
 *
 * @param api              the API, e.g. {@code choice-api}
 * @param action           {@code READ} (one record by id) or {@code QUERY} (a search)
 * @param path             the request path without the query string, e.g. {@code /sessions/spa-1}
 * @param sessionId        the session read, when one was named
 * @param studyInstanceUid that session's study, when known
 * @param user             who accessed: the clinician id the caller named, or the API client's name
 * @param clientAddress    the caller's network address
 * @param httpStatus       the status the API answered
 * @param patientPseudonym   the patient's pseudonym (a keyed HMAC of Patient ID and issuer, never reversible without
 *                           the deployment's key; see {@code PatientPseudonym}); null when the sender did not know it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordsAccessed(
        @JsonProperty("api") String api,
        @JsonProperty("action") String action,
        @JsonProperty("path") String path,
        @JsonProperty("sessionId") String sessionId,
        @JsonProperty("studyInstanceUid") String studyInstanceUid,
        @JsonProperty("user") String user,
        @JsonProperty("clientAddress") String clientAddress,
        @JsonProperty("httpStatus") int httpStatus,
        @JsonProperty("patientPseudonym") String patientPseudonym) {
}
