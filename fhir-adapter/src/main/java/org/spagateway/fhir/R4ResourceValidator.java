package org.spagateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Validates resources against the base FHIR R4 specification (structure definitions shipped with HAPI, code systems
 * checked in memory), as the adapter's tests require of everything it writes. Expensive to create (it loads the R4
 * definitions); thread-safe once created.
 */
public final class R4ResourceValidator {

    private final FhirContext fhirContext;
    private final FhirValidator validator;

    public R4ResourceValidator(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new CommonCodeSystemsTerminologyService(fhirContext));
        this.validator = fhirContext.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
    }

    /** Messages of severity error or fatal, as {@code location: message}; empty when the resource is valid. */
    public List<String> errors(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(R4ResourceValidator::describe)
                .toList();
    }

    /** All messages, warnings included, for diagnosis. */
    public List<String> messages(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .map(m -> m.getSeverity() + " " + describe(m)).toList();
    }

    private static String describe(SingleValidationMessage message) {
        return message.getLocationString() + ": " + message.getMessage();
    }

    public FhirContext fhirContext() {
        return fhirContext;
    }
}
