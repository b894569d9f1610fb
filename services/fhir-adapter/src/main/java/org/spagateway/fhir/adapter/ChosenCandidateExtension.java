package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChosenCandidate;

/**
 * The gateway's two definitions beyond base R4, shipped as resources beside this class and known to
 * {@link R4ResourceValidator}: the complex extension {@value #URL} (round, Segment Number, rank of the chosen
 * candidate, on {@code Provenance.entity}) and the code system {@value #DECISION_SYSTEM} (CANDIDATE, APPROVE,
 * REJECT_ALL, the choice Provenance's activity). Neither HL7 AI Transparency on FHIR nor IHE BALP has an element for
 * "which of the candidates a human picked".
 */
final class ChosenCandidateExtension {

    static final String URL = "urn:spa-gateway:fhir:StructureDefinition:chosen-candidate";
    static final String DECISION_SYSTEM = "urn:spa-gateway:fhir:CodeSystem:choice-decision";
    static final String STRUCTURE_DEFINITION_RESOURCE = "org/spagateway/fhir/adapter/StructureDefinition-chosen-candidate.json";
    static final String DECISION_CODE_SYSTEM_RESOURCE = "org/spagateway/fhir/adapter/CodeSystem-choice-decision.json";
    /** Segment 1 of every round's SEG is the recommended segmentation (DESIGN.md, one SEG instance per round). */
    static final int RECOMMENDED_SEGMENT = 1;

    private ChosenCandidateExtension() {
    }

    /**
     * @param candidate the chosen candidate for CANDIDATE, null otherwise (APPROVE names segment 1, REJECT_ALL none)
     */
    static Extension of(int round, ChoiceDecision decision, ChosenCandidate candidate) {
        Extension extension = new Extension(URL);
        extension.addExtension("round", new PositiveIntType(round));
        if (decision == ChoiceDecision.CANDIDATE && candidate != null) {
            extension.addExtension("segmentNumber", new PositiveIntType(candidate.segmentNumber()));
            extension.addExtension("rank", new PositiveIntType(candidate.rank()));
        } else if (decision == ChoiceDecision.APPROVE) {
            extension.addExtension("segmentNumber", new PositiveIntType(RECOMMENDED_SEGMENT));
        }
        return extension;
    }

    static Coding decision(ChoiceDecision decision) {
        return switch (decision) {
            case CANDIDATE -> new Coding(DECISION_SYSTEM, "CANDIDATE", "Candidate chosen");
            case APPROVE -> new Coding(DECISION_SYSTEM, "APPROVE", "Recommendation approved");
            case REJECT_ALL -> new Coding(DECISION_SYSTEM, "REJECT_ALL", "All candidates rejected");
        };
    }
}
