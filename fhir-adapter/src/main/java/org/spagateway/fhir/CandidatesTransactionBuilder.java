package org.spagateway.fhir;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventEnvelope;

/**
 * One FHIR transaction per CandidatesReady event: conditional creates of the model's Device (on its model
 * identifier), of the study's ImagingStudy (on its Study Instance UID: the SEG joins the source's study, so no second
 * ImagingStudy is ever written) and of the candidate set's Provenance (on the source event id tag). The Provenance
 * refers to the Device and the ImagingStudy by their {@code urn:uuid:} full URLs, which the server resolves to the
 * existing resources when the conditional creates match. Redelivering the event creates nothing new.
 *
 * <p>The ImagingStudy entry only exists so that a CandidatesReady recorded before its study's StudyReceived (the two
 * topics are consumed independently) still has a source to point at; it carries the study UID and the pseudonymous
 * subject only. When StudyReceived was recorded first, as in the normal flow, it matches and nothing is written.
 */
final class CandidatesTransactionBuilder {

    private final ModelDeviceMapper devices = new ModelDeviceMapper();
    private final CandidateSetProvenanceMapper provenances = new CandidateSetProvenanceMapper();

    Bundle build(EventEnvelope<CandidatesReady> event) {
        CandidatesReady ready = event.data();
        String deviceFullUrl = fullUrl("device|" + ModelDeviceMapper.modelId(ready.model()));
        String studyFullUrl = fullUrl("imaging-study|" + ready.studyInstanceUid());

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry()
                .setFullUrl(deviceFullUrl)
                .setResource(devices.map(ready.model(), ready.task()))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Device")
                .setIfNoneExist("identifier=" + ModelDeviceMapper.identifierToken(ready.model()));
        transaction.addEntry()
                .setFullUrl(studyFullUrl)
                .setResource(new ImagingStudy()
                        .addIdentifier(DicomIdentifiers.uidIdentifier(ready.studyInstanceUid()))
                        .setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE)
                        .setSubject(PseudonymousSubject.forStudy(ready.studyInstanceUid())))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("ImagingStudy")
                .setIfNoneExist("identifier=" + DicomIdentifiers.uidToken(ready.studyInstanceUid()));
        transaction.addEntry()
                .setFullUrl(fullUrl("provenance|" + event.eventId()))
                .setResource(provenances.map(event, deviceFullUrl, studyFullUrl))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Provenance")
                .setIfNoneExist("_tag=" + ImportAuditEventMapper.EVENT_ID_TAG_SYSTEM + "|" + event.eventId());
        return transaction;
    }

    private static String fullUrl(String name) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
