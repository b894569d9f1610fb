package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.ImagingStudy;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.SegmentationReference;
import org.spagateway.events.SeriesReference;
import org.spagateway.events.StudyReceived;

/**
 * What the gateway knows of a study as R4 ImagingStudy content: the received source series (Study, Series and SOP
 * Instance UIDs, modalities and SOP classes, counts) and the SEG instances it wrote into the same study. No patient
 * demographics (the subject is a {@link PseudonymousSubject}) and no storage locations (they are internal to the
 * gateway). Each result is complete enough to be created as the study's ImagingStudy when none exists yet, and is
 * merged series by series into an existing one ({@link ImagingStudyMerger}).
 */
final class ImagingStudyMapper {

    /** Modality (0008,0060) of a DICOM Segmentation (PS3.3 C.8.20.1). */
    static final String SEG_MODALITY = "SEG";

    ImagingStudy map(StudyReceived study) {
        ImagingStudy imagingStudy = study(study.studyInstanceUid(), study.patientPseudonym())
                .setNumberOfSeries(study.seriesCount())
                .setNumberOfInstances(study.instanceCount());
        study.modalities().forEach(modality -> imagingStudy.addModality(DicomIdentifiers.modality(modality)));
        study.series().forEach(series -> imagingStudy.addSeries(series(series)));
        return imagingStudy;
    }

    /**
     * A SEG the gateway wrote, as the one series (modality SEG) and instance it adds to the source's study: the SEG
     * joins the source study (same Study Instance UID, PS3.3 C.8.20.2), so it is a series of the study's
     * ImagingStudy, not an ImagingStudy of its own.
     *
     * @param instanceNumber    Instance Number (0020,0013) the worker wrote: the round for a round's SEG, 1 for the
     *                          final SEG
     * @param seriesDescription the series in words, e.g. "SPA candidates, session s"
     * @param instanceTitle     the instance in words, e.g. "SPA round 2 candidates, task t"
     * @param patientPseudonym  the event's pseudonym of the study's patient
     */
    ImagingStudy map(SegmentationReference seg, int instanceNumber, String seriesDescription, String instanceTitle,
                     String patientPseudonym) {
        ImagingStudy imagingStudy = study(seg.studyInstanceUid(), patientPseudonym)
                .setNumberOfSeries(1)
                .setNumberOfInstances(1)
                .addModality(DicomIdentifiers.modality(SEG_MODALITY));
        imagingStudy.addSeries()
                .setUid(seg.seriesInstanceUid())
                .setModality(DicomIdentifiers.modality(SEG_MODALITY))
                .setDescription(seriesDescription)
                .setNumberOfInstances(1)
                .addInstance()
                .setUid(seg.sopInstanceUid())
                .setSopClass(DicomIdentifiers.sopClass(seg.sopClassUid()))
                .setNumber(instanceNumber)
                .setTitle(instanceTitle);
        return imagingStudy;
    }

    /** The study alone: its UID, status and pseudonymous subject (ImagingStudy.subject is 1..1). */
    static ImagingStudy study(String studyInstanceUid, String patientPseudonym) {
        return new ImagingStudy()
                .addIdentifier(DicomIdentifiers.uidIdentifier(studyInstanceUid))
                .setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE)
                .setSubject(PseudonymousSubject.of(patientPseudonym));
    }

    private static ImagingStudy.ImagingStudySeriesComponent series(SeriesReference series) {
        ImagingStudy.ImagingStudySeriesComponent component = new ImagingStudy.ImagingStudySeriesComponent()
                // R4 ImagingStudy.series.uid is the bare UID (an id datatype), not an urn:oid: URI.
                .setUid(series.seriesInstanceUid())
                .setModality(DicomIdentifiers.modality(series.modality()))
                .setNumberOfInstances(series.instances().size());
        series.instances().forEach(instance -> component.addInstance(instance(instance)));
        return component;
    }

    private static ImagingStudy.ImagingStudySeriesInstanceComponent instance(InstanceReference instance) {
        return new ImagingStudy.ImagingStudySeriesInstanceComponent()
                .setUid(instance.sopInstanceUid())
                .setSopClass(DicomIdentifiers.sopClass(instance.sopClassUid()));
    }
}
