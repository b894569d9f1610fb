package org.spagateway.fhir.adapter;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.SegmentationReference;

/**
 * A clinician's choice on one SPA round as an R4 Provenance: what the clinician did with the AI's candidate set.
 *
 * <ul>
 *   <li>target = the round's SEG that was shown (logical reference by SOP Instance UID, as in the candidate set's
 *       Provenance): the choice is a judgement on it;</li>
 *   <li>agent = the clinician's Practitioner, type {@code performer} (the human who carried out the activity; the
 *       AI Transparency IG's "Humanagent"); no AI agent: the AI produced the candidates, not the choice;</li>
 *   <li>entity 1 = the chosen candidate: the same SEG by identifier, with the {@link ChosenCandidateExtension}
 *       (round, Segment Number, rank) and a display saying it in words; entity 2 = the study's ImagingStudy;</li>
 *   <li>activity = the decision (CANDIDATE, APPROVE, REJECT_ALL); occurred = recorded = the event time;</li>
 *   <li>{@code meta.security} CLINAST "clinician asserted" (v3-ObservationValue): the content is the clinician's;</li>
 *   <li>{@code meta.tag}: the event id (conditional create) and the session.</li>
 * </ul>
 */
final class ChoiceProvenanceMapper {

    static final String CLINAST = "CLINAST";
    static final String CLINAST_DISPLAY = "clinician asserted";
    static final String PERFORMER = "performer";

    Provenance map(EventEnvelope<ChoiceApplied> event, String practitionerRef, String studyRef) {
        ChoiceApplied choice = event.data();
        SegmentationReference shown = choice.shownSegmentation();
        Date time = Date.from(event.occurredAt());
        Provenance provenance = new Provenance()
                .setOccurred(new DateTimeType(time))
                .setRecorded(time)
                .setActivity(new CodeableConcept(ChosenCandidateExtension.decision(choice.decision()))
                        .setText(describe(choice)));
        RecordTags.source(provenance, event);
        RecordTags.session(provenance, choice.sessionId());
        RecordTags.patient(provenance, choice.patientPseudonym());
        provenance.getMeta().addSecurity(CandidateSetProvenanceMapper.OBSERVATION_VALUE, CLINAST, CLINAST_DISPLAY);
        provenance.addTarget(CandidateSetProvenanceMapper.segTarget(shown));
        provenance.addAgent()
                .setType(new CodeableConcept(new Coding(CandidateSetProvenanceMapper.PARTICIPANT_TYPE, PERFORMER,
                        "Performer")))
                .setWho(new Reference(practitionerRef).setType("Practitioner")
                        .setIdentifier(PractitionerMapper.identifier(choice.clinician())));
        Provenance.ProvenanceEntityComponent chosen = provenance.addEntity()
                .setRole(Provenance.ProvenanceEntityRole.SOURCE)
                .setWhat(new Reference()
                        .setIdentifier(DicomIdentifiers.uidIdentifier(shown.sopInstanceUid()))
                        .setDisplay(chosenDisplay(choice)));
        chosen.addExtension(ChosenCandidateExtension.of(choice.round(), choice.decision(), choice.candidate()));
        provenance.addEntity()
                .setRole(Provenance.ProvenanceEntityRole.SOURCE)
                .setWhat(new Reference(studyRef).setType("ImagingStudy")
                        .setIdentifier(DicomIdentifiers.uidIdentifier(choice.studyInstanceUid())));
        return provenance;
    }

    private static String describe(ChoiceApplied choice) {
        return "Choice on SPA round " + choice.round() + " of session " + choice.sessionId() + ": "
                + chosenDisplay(choice) + (choice.nextRound() == null ? "" : "; next round " + choice.nextRound());
    }

    static String chosenDisplay(ChoiceApplied choice) {
        ChoiceDecision decision = choice.decision();
        return switch (decision) {
            case CANDIDATE -> "candidate rank " + choice.candidate().rank() + " (segment "
                    + choice.candidate().segmentNumber() + ") of round " + choice.round();
            case APPROVE -> "recommended segmentation (segment " + ChosenCandidateExtension.RECOMMENDED_SEGMENT
                    + ") of round " + choice.round() + " approved";
            case REJECT_ALL -> "all candidates of round " + choice.round() + " rejected";
        };
    }
}
