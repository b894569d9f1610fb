package org.spagateway.fhir;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Resource;
import org.spagateway.events.Clinician;
import org.spagateway.events.ModelReference;

/**
 * A FHIR transaction of conditional creates only: each entry is {@code POST} with {@code If-None-Exist} on the
 * resource's natural key, so a redelivered event creates nothing new and the whole event is stored or nothing is.
 * Entries refer to each other by name-based {@code urn:uuid:} full URLs, which the server rewrites to the matching
 * resource when a conditional create finds one (FHIR R4 3.1.0.11.2, transaction processing rules).
 */
final class RecordTransaction {

    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);

    static String fullUrl(String name) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds {@code resource}, created only if no resource of its type matches {@code ifNoneExist}. */
    RecordTransaction add(String fullUrl, Resource resource, String ifNoneExist) {
        bundle.addEntry()
                .setFullUrl(fullUrl)
                .setResource(resource)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(resource.fhirType())
                .setIfNoneExist(ifNoneExist);
        return this;
    }

    /**
     * The study's ImagingStudy, created with its UID and pseudonymous subject only when none exists yet: the events
     * of one study are consumed from independent topics, so a later record may arrive before StudyReceived. When
     * StudyReceived came first (the normal flow) it matches and nothing is written.
     */
    String study(String studyInstanceUid) {
        String fullUrl = fullUrl("imaging-study|" + studyInstanceUid);
        add(fullUrl, new ImagingStudy()
                        .addIdentifier(DicomIdentifiers.uidIdentifier(studyInstanceUid))
                        .setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE)
                        .setSubject(PseudonymousSubject.forStudy(studyInstanceUid)),
                "identifier=" + DicomIdentifiers.uidToken(studyInstanceUid));
        return fullUrl;
    }

    /** The model's Device, one per model version. */
    String device(ModelReference model, String task) {
        String fullUrl = fullUrl("device|" + ModelDeviceMapper.modelId(model));
        add(fullUrl, new ModelDeviceMapper().map(model, task), "identifier=" + ModelDeviceMapper.identifierToken(model));
        return fullUrl;
    }

    /** The clinician's Practitioner, one per identifier. */
    String practitioner(Clinician clinician) {
        String fullUrl = fullUrl("practitioner|" + PractitionerMapper.identifierToken(clinician));
        add(fullUrl, new PractitionerMapper().map(clinician),
                "identifier=" + PractitionerMapper.identifierToken(clinician));
        return fullUrl;
    }

    Bundle bundle() {
        return bundle;
    }
}
