package org.spagateway.fhir.adapter;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Validates resources against the base FHIR R4 specification (structure definitions shipped with HAPI, code systems
 * checked in memory), as the adapter's tests require of everything it writes. Expensive to create (it loads the R4
 * definitions); thread-safe once created.
 *
 * <p>The gateway's own definitions are known to it: the chosen-candidate extension and the choice-decision code
 * system ({@link ChosenCandidateExtension}); their snapshots are generated from the shipped differentials.
 *
 * <p>One addition to the 2019 terminology shipped with R4: the security label {@code AIAST} "Artificial Intelligence
 * asserted" of {@code v3-ObservationValue} (HL7 Terminology 5.0.0 and later; the label HL7 AI Transparency on FHIR
 * uses), known to the validator as a fragment of that code system. Without it the validator reports the current
 * code as unknown in the R4-era copy of the code system.
 */
public final class R4ResourceValidator {

    private final FhirContext fhirContext;
    private final FhirValidator validator;

    public R4ResourceValidator(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        PrePopulatedValidationSupport gatewayDefinitions = new PrePopulatedValidationSupport(fhirContext);
        gatewayDefinitions.addCodeSystem(aiastLabel());
        gatewayDefinitions.addStructureDefinition(load(fhirContext, StructureDefinition.class,
                ChosenCandidateExtension.STRUCTURE_DEFINITION_RESOURCE));
        gatewayDefinitions.addCodeSystem(load(fhirContext, CodeSystem.class,
                ChosenCandidateExtension.DECISION_CODE_SYSTEM_RESOURCE));
        ValidationSupportChain support = new ValidationSupportChain(
                gatewayDefinitions,
                new DefaultProfileValidationSupport(fhirContext),
                new SnapshotGeneratingValidationSupport(fhirContext),
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

    /** A resource shipped beside the adapter's classes, e.g. the chosen-candidate extension's definition. */
    static <T extends IBaseResource> T load(FhirContext fhirContext, Class<T> type, String classpathResource) {
        try (InputStream in = R4ResourceValidator.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + classpathResource);
            }
            return fhirContext.newJsonParser().parseResource(type, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classpathResource, e);
        }
    }

    private static CodeSystem aiastLabel() {
        CodeSystem codeSystem = new CodeSystem()
                .setUrl(CandidateSetProvenanceMapper.OBSERVATION_VALUE)
                .setVersion("5.0.0")
                .setName("ObservationValue")
                .setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.FRAGMENT);
        codeSystem.addConcept().setCode(CandidateSetProvenanceMapper.AIAST)
                .setDisplay(CandidateSetProvenanceMapper.AIAST_DISPLAY);
        // The fragment shadows the R4 copy of the code system, so the R4 label the choice Provenance uses is repeated.
        codeSystem.addConcept().setCode(ChoiceProvenanceMapper.CLINAST)
                .setDisplay(ChoiceProvenanceMapper.CLINAST_DISPLAY);
        return codeSystem;
    }

    private static String describe(SingleValidationMessage message) {
        return message.getLocationString() + ": " + message.getMessage();
    }

    public FhirContext fhirContext() {
        return fhirContext;
    }
}
