package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.junit.jupiter.api.Test;
import org.spagateway.fhir.adapter.FhirWriteFailurePolicy.Verdict;

class FhirWriteFailurePolicyTest {

    private final FhirWriteFailurePolicy policy = new FhirWriteFailurePolicy();

    @Test
    void aServerThatCannotBeReachedIsDownOrThrottlesOrRefusesOurCredentialsIsUnavailable() {
        assertThat(policy.classify(new FhirClientConnectionException("connection refused")))
                .isEqualTo(Verdict.UNAVAILABLE);
        assertThat(policy.classify(new UnclassifiedServerFailureException(503, "down"))).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(policy.classify(new UnclassifiedServerFailureException(502, "proxy"))).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(policy.classify(new UnclassifiedServerFailureException(504, "slow"))).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(policy.classify(new UnclassifiedServerFailureException(429, "slow down")))
                .isEqualTo(Verdict.UNAVAILABLE);
        assertThat(policy.classify(new UnclassifiedServerFailureException(401, "who are you")))
                .isEqualTo(Verdict.UNAVAILABLE);
    }

    @Test
    void aConflictAForbiddenRecordOrAServerErrorMayPassOrMayBeTheRecordsForGood() {
        assertThat(policy.classify(new ResourceVersionConflictException("HAPI-2745: conditional constraint failure")))
                .isEqualTo(Verdict.SUSPECT);
        assertThat(policy.classify(new ForbiddenOperationException("not for you"))).isEqualTo(Verdict.SUSPECT);
        assertThat(policy.classify(new InternalErrorException("boom"))).isEqualTo(Verdict.SUSPECT);
    }

    @Test
    void requestsTheServerRejectsForGoodAreRefusedAtOnce() {
        assertThat(policy.classify(new InvalidRequestException("bad"))).isEqualTo(Verdict.PERMANENT);
        assertThat(policy.classify(new UnprocessableEntityException("invalid"))).isEqualTo(Verdict.PERMANENT);
        assertThat(policy.classify(new PreconditionFailedException("two matches"))).isEqualTo(Verdict.PERMANENT);
        assertThat(policy.classify(new UnclassifiedServerFailureException(501, "no transactions")))
                .isEqualTo(Verdict.PERMANENT);
        assertThat(policy.classify(new IllegalStateException("defect"))).isEqualTo(Verdict.PERMANENT);
    }
}
