package org.spagateway.fhir.embedded;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Enforces {@link FhirServerAccess} on every request, before it is handled: 401 without a valid token (when tokens
 * are configured; the capability statement stays open), 403 for a write by the auditor, for any delete, and for an
 * update or patch of an AuditEvent or a Provenance, directly or inside a transaction or batch bundle.
 */
@Interceptor
public final class FhirAccessInterceptor {

    private static final Set<String> APPEND_ONLY = Set.of("AuditEvent", "Provenance");
    private static final Set<RestOperationTypeEnum> READS = Set.of(RestOperationTypeEnum.READ,
            RestOperationTypeEnum.VREAD, RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM,
            RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_TYPE,
            RestOperationTypeEnum.HISTORY_SYSTEM, RestOperationTypeEnum.GET_PAGE, RestOperationTypeEnum.METADATA);
    private static final Set<RestOperationTypeEnum> CHANGES = Set.of(RestOperationTypeEnum.UPDATE,
            RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE);

    private final FhirServerAccess access;

    public FhirAccessInterceptor(FhirServerAccess access) {
        this.access = access;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.METADATA) {
            return;
        }
        FhirServerAccess.Role role = access.roleOf(request.getHeader("Authorization"));
        if (role == FhirServerAccess.Role.NONE) {
            throw new AuthenticationException("a valid bearer token is required");
        }
        if (role == FhirServerAccess.Role.AUDITOR && !READS.contains(operation)) {
            throw new ForbiddenOperationException("the auditor role may only read");
        }
        if (operation == RestOperationTypeEnum.DELETE) {
            throw new ForbiddenOperationException("nothing may be deleted: the records are the audit trail");
        }
        if (CHANGES.contains(operation) && APPEND_ONLY.contains(request.getResourceName())) {
            throw new ForbiddenOperationException(request.getResourceName() + " is append-only");
        }
        if (operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH) {
            checkEntries(request);
        }
    }

    private static void checkEntries(RequestDetails request) {
        if (!(request.getResource() instanceof Bundle bundle)) {
            throw new ForbiddenOperationException("a transaction or batch must be a Bundle");
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Bundle.HTTPVerb verb = entry.getRequest().getMethod();
            String url = entry.getRequest().getUrl() == null ? "" : entry.getRequest().getUrl();
            String type = url.replaceFirst("^/", "").split("[/?]", 2)[0];
            if (verb == Bundle.HTTPVerb.DELETE) {
                throw new ForbiddenOperationException("nothing may be deleted: the records are the audit trail");
            }
            if ((verb == Bundle.HTTPVerb.PUT || verb == Bundle.HTTPVerb.PATCH) && APPEND_ONLY.contains(type)) {
                throw new ForbiddenOperationException(type + " is append-only");
            }
        }
    }
}
