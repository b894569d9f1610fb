package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The clinician a choice or a session belongs to, as the reporting system identifies them. Not patient data, but
 * services log only {@code id}.
 *
 * @param id         the identifier the reporting system knows the clinician by (e.g. a practitioner number)
 * @param system     the identifier's namespace as a URI (FHIR {@code Identifier.system}); null when not given
 * @param personName the name in DICOM PN form, {@code Family^Given^Middle^Prefix^Suffix}; null when not given (the
 *                   final SEG then names the clinician by id)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Clinician(
        @JsonProperty("id") String id,
        @JsonProperty("system") String system,
        @JsonProperty("personName") String personName) {
}
