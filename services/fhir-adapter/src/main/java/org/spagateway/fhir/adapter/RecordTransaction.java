package org.spagateway.fhir.adapter;

import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Resource;
import org.spagateway.events.Clinician;
import org.spagateway.events.ModelReference;
import org.spagateway.events.DeterministicIds;

/**
 * A FHIR transaction of conditional creates: each entry is {@code POST} with {@code If-None-Exist} on the resource's
 * natural key, so a redelivered event creates nothing new and the whole event is stored or nothing is. Entries refer
 * to each other by name-based {@code urn:uuid:} full URLs, which the server rewrites to the matching resource when a
 * conditional create finds one (FHIR R4 3.1.0.11.2, transaction processing rules).
 *
 * <p>One exception: an event that adds series or instances to its study ({@link #study(String, ImagingStudy)})
 * needs them merged into the study's ImagingStudy when one exists. {@link #bundle()} is the transaction for a server
 * that holds none (the study entry creates it with the additions); {@link #mergedInto} is the one for the
 * ImagingStudy the server holds: the study entry becomes a {@code PUT} of the merged resource with {@code If-Match}
 * on the version that was read (optimistic locking, FHIR R4 3.1.0.5, managing resource contention), in the same
 * transaction as the event's other records. {@link RecordTransactionWriter} reads, sends and retries.
 */
final class RecordTransaction {

    private static final String IMAGING_STUDY = "ImagingStudy";

    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    private final ImagingStudyMerger merger = new ImagingStudyMerger();
    private int studyEntry = -1;
    private String studyInstanceUid;
    private ImagingStudy studyAdditions;

    /** The bundle entry's fullUrl: a {@code urn:uuid:} of {@link DeterministicIds}, so a redelivery writes the same. */
    static String fullUrl(String kind, Object... parts) {
        return "urn:uuid:" + DeterministicIds.uuid(kind, parts);
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
    String study(String studyInstanceUid, String patientPseudonym) {
        String fullUrl = studyFullUrl(studyInstanceUid);
        add(fullUrl, ImagingStudyMapper.study(studyInstanceUid, patientPseudonym),
                "identifier=" + DicomIdentifiers.uidToken(studyInstanceUid));
        return fullUrl;
    }

    /**
     * The study's ImagingStudy with what this event adds to it ({@link ImagingStudyMapper}: the received series, or
     * a SEG the gateway wrote): created with them when none exists yet, merged into the existing one otherwise
     * ({@link #mergedInto}). One per transaction.
     */
    String study(String studyInstanceUid, ImagingStudy additions) {
        if (studyEntry >= 0) {
            throw new IllegalStateException("one study merge per transaction");
        }
        String fullUrl = studyFullUrl(studyInstanceUid);
        this.studyEntry = bundle.getEntry().size();
        this.studyInstanceUid = studyInstanceUid;
        this.studyAdditions = additions;
        add(fullUrl, additions, "identifier=" + DicomIdentifiers.uidToken(studyInstanceUid));
        return fullUrl;
    }

    static String studyFullUrl(String studyInstanceUid) {
        return fullUrl("imaging-study", studyInstanceUid);
    }

    /** The model's Device, one per model version. */
    String device(ModelReference model, String task) {
        String fullUrl = fullUrl("device", ModelDeviceMapper.modelId(model));
        add(fullUrl, new ModelDeviceMapper().map(model, task), "identifier=" + ModelDeviceMapper.identifierToken(model));
        return fullUrl;
    }

    /** The clinician's Practitioner, one per identifier. */
    String practitioner(Clinician clinician) {
        String fullUrl = fullUrl("practitioner", PractitionerMapper.identifierToken(clinician));
        add(fullUrl, new PractitionerMapper().map(clinician),
                "identifier=" + PractitionerMapper.identifierToken(clinician));
        return fullUrl;
    }

    /** The transaction for a server that holds no ImagingStudy of the study (or when nothing is merged). */
    Bundle bundle() {
        return bundle;
    }

    /** Whether the transaction adds series or instances to its study, so the study must be read first. */
    boolean mergesStudy() {
        return studyEntry >= 0;
    }

    /** The study whose ImagingStudy {@link #mergedInto} needs; null when {@link #mergesStudy()} is false. */
    String studyInstanceUid() {
        return studyInstanceUid;
    }

    /** Position of the study entry in the transaction and in its response; -1 when nothing is merged. */
    int studyEntry() {
        return studyEntry;
    }

    /**
     * The transaction for a server that holds {@code current} (read with its version): the study entry is a
     * {@code PUT ImagingStudy/<id>} of {@code current} plus the absent series and instances, {@code If-Match} the
     * version read, or stays the conditional create (which then matches and writes nothing) when nothing is absent.
     * The entry keeps its {@code urn:uuid:} full URL, so the other entries' references resolve to {@code current}.
     */
    Bundle mergedInto(ImagingStudy current) {
        Optional<ImagingStudy> merged = merger.merge(current, studyAdditions);
        if (merged.isEmpty()) {
            return bundle;
        }
        String id = current.getIdElement().getIdPart();
        String version = version(current);
        ImagingStudy resource = merged.get();
        resource.setIdElement(new IdType(IMAGING_STUDY, id));
        resource.getMeta().setVersionId(null).setLastUpdated(null);
        Bundle transaction = bundle.copy();
        Bundle.BundleEntryComponent entry = transaction.getEntry().get(studyEntry);
        entry.setResource(resource);
        entry.getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(IMAGING_STUDY + "/" + id)
                .setIfNoneExist(null)
                .setIfMatch("W/\"" + version + "\"");
        return transaction;
    }

    /** The version a resource was read at ({@code meta.versionId}, else the version of its id). */
    static String version(Resource resource) {
        return resource.getMeta().hasVersionId() ? resource.getMeta().getVersionId()
                : String.valueOf(resource.getIdElement().getVersionIdPart());
    }
}
