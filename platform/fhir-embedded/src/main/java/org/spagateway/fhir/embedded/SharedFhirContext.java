package org.spagateway.fhir.embedded;

import ca.uhn.fhir.context.FhirContext;

/** Carries the JVM's one R4 {@link FhirContext} into the server's Spring context. */
record SharedFhirContext(FhirContext context) {
}
