package org.spagateway.fhir.adapter;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.spagateway.events.CandidateSummary;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.ModelReference;
import org.spagateway.events.SegmentationReference;

/**
 * A round's candidate set as an R4 Provenance shaped after the AI-Provenance profile of HL7 AI Transparency on FHIR:
 * target = the SEG instance (a logical reference by its SOP Instance UID: R4 has no resource for one DICOM instance),
 * agent = the model's Device (type author, role Artificial-Intelligence), entities with role source = the study's
 * ImagingStudy and the source image instance(s), activity = create, reason and {@code meta.security} = AIAST.
 *
 * <p>R4 Provenance has no identifier: the source event's id is a {@code meta.tag} for the conditional create, as
 * for the import AuditEvent. A second tag, {@value #TARGET_TAG_SYSTEM}{@code |urn:oid:<SEG SOP Instance UID>},
 * makes the Provenance findable by the SEG: R4's {@code target} search parameter is a reference parameter, and the
 * {@code :identifier} modifier that would search a logical target is optional and rejected by HAPI FHIR JPA 8.8
 * (HAPI-2498), while {@code _tag} works on every server.
 */
final class CandidateSetProvenanceMapper {

    static final String OBSERVATION_VALUE = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    static final String AIAST = "AIAST";
    static final String AIAST_DISPLAY = "Artificial Intelligence asserted";
    static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    static final String DATA_OPERATION = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";
    static final String TARGET_TAG_SYSTEM = RecordTags.PROVENANCE_TARGET;

    /**
     * @param event         the CandidatesReady event
     * @param deviceRef     the model's Device (a {@code urn:uuid:} inside the transaction)
     * @param studyRef      the study's ImagingStudy (a {@code urn:uuid:} inside the transaction)
     */
    Provenance map(EventEnvelope<CandidatesReady> event, String deviceRef, String studyRef) {
        CandidatesReady ready = event.data();
        SegmentationReference seg = ready.segmentation();
        Date time = Date.from(event.occurredAt());
        Provenance provenance = new Provenance()
                .setOccurred(new DateTimeType(time))
                .setRecorded(time)
                .setActivity(new CodeableConcept(new Coding(DATA_OPERATION, "CREATE", "create"))
                        .setText(describe(ready)));
        RecordTags.source(provenance, event);
        RecordTags.provenanceTarget(provenance, seg.sopInstanceUid());
        RecordTags.session(provenance, ready.sessionId());
        RecordTags.patient(provenance, ready.patientPseudonym());
        provenance.getMeta().addSecurity(OBSERVATION_VALUE, AIAST, AIAST_DISPLAY);
        provenance.addTarget(segTarget(seg));
        provenance.addReason(new CodeableConcept(new Coding(OBSERVATION_VALUE, AIAST, AIAST_DISPLAY)));
        provenance.addAgent(aiAuthor(deviceRef, ready.model()));
        provenance.addEntity()
                .setRole(Provenance.ProvenanceEntityRole.SOURCE)
                .setWhat(new Reference(studyRef).setType("ImagingStudy")
                        .setIdentifier(DicomIdentifiers.uidIdentifier(ready.studyInstanceUid())));
        for (InstanceReference source : ready.sources()) {
            provenance.addEntity(sourceImage(source, ready.sourceSeriesInstanceUid()));
        }
        return provenance;
    }

    /**
     * The round in words, candidates included (what a clinician was shown): "SPA round 1 of session s: 4 candidates
     * and a recommendation from 48 samples, task t; segment 1 = recommendation, segment 2 = rank 1 (20 samples), ...".
     */
    static String describe(CandidatesReady ready) {
        StringBuilder text = new StringBuilder("SPA round ").append(ready.round()).append(" of session ")
                .append(ready.sessionId()).append(": ").append(ready.candidates().size())
                .append(" candidates and a recommendation from ").append(ready.sampleCount())
                .append(" samples, task ").append(ready.task()).append("; segment ")
                .append(ready.recommended().segmentNumber()).append(" = recommendation");
        for (CandidateSummary candidate : ready.candidates()) {
            text.append(", segment ").append(candidate.segmentNumber()).append(" = rank ").append(candidate.rank())
                    .append(" (").append(candidate.samplesRepresented()).append(" samples)");
        }
        return text.toString();
    }

    /** The SEG instance by its SOP Instance UID; series and SOP class in the display. */
    static Reference segTarget(SegmentationReference seg) {
        return new Reference()
                .setIdentifier(DicomIdentifiers.uidIdentifier(seg.sopInstanceUid()))
                .setDisplay("DICOM Segmentation " + seg.sopInstanceUid() + " (SOP class " + seg.sopClassUid()
                        + ") in series " + seg.seriesInstanceUid() + " of study " + seg.studyInstanceUid());
    }

    /**
     * The model as the AI agent: type author (the AI created the SEG, as in the IG's AI-Contributed example), role
     * {@code AIdeviceTypeCS#Artificial-Intelligence} (the AI-Provenance profile's fixed AIagent role).
     */
    static Provenance.ProvenanceAgentComponent aiAuthor(String deviceRef, ModelReference model) {
        return new Provenance.ProvenanceAgentComponent()
                .setType(new CodeableConcept(new Coding(PARTICIPANT_TYPE, "author", "Author")))
                .addRole(new CodeableConcept(new Coding(ModelDeviceMapper.AI_DEVICE_TYPE_SYSTEM,
                        ModelDeviceMapper.AI_DEVICE_TYPE, "All kinds of Artificial Intelligence")))
                .setWho(new Reference(deviceRef).setType("Device").setIdentifier(ModelDeviceMapper.identifier(model)));
    }

    /** A source image instance: logical reference by SOP Instance UID, series and SOP class in the display. */
    static Provenance.ProvenanceEntityComponent sourceImage(InstanceReference source, String seriesInstanceUid) {
        return new Provenance.ProvenanceEntityComponent()
                .setRole(Provenance.ProvenanceEntityRole.SOURCE)
                .setWhat(new Reference()
                        .setIdentifier(DicomIdentifiers.uidIdentifier(source.sopInstanceUid()))
                        .setDisplay("source image " + source.sopInstanceUid() + " (SOP class "
                                + source.sopClassUid() + ") in series " + seriesInstanceUid));
    }
}
