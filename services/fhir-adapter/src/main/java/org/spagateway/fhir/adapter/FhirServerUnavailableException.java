package org.spagateway.fhir.adapter;

import org.spagateway.kafka.support.DependencyUnavailable;

/** The FHIR server could not store a record for now; the record is consumed again later, never skipped. */
public final class FhirServerUnavailableException extends RuntimeException implements DependencyUnavailable {

    private static final long serialVersionUID = 1L;

    public FhirServerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
