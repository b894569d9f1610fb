package org.spagateway.fhir;

import org.hl7.fhir.r4.model.ImagingStudy;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.SeriesReference;
import org.spagateway.events.StudyReceived;

/**
 * A received study as an R4 ImagingStudy: Study, Series and SOP Instance UIDs, modalities and SOP classes, counts.
 * No patient demographics (the subject is a {@link PseudonymousSubject}) and no storage locations (they are internal
 * to the gateway).
 */
final class ImagingStudyMapper {

    ImagingStudy map(StudyReceived study) {
        ImagingStudy imagingStudy = new ImagingStudy()
                .addIdentifier(DicomIdentifiers.uidIdentifier(study.studyInstanceUid()))
                .setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE)
                .setSubject(PseudonymousSubject.forStudy(study.studyInstanceUid()))
                .setNumberOfSeries(study.seriesCount())
                .setNumberOfInstances(study.instanceCount());
        study.modalities().forEach(modality -> imagingStudy.addModality(DicomIdentifiers.modality(modality)));
        study.series().forEach(series -> imagingStudy.addSeries(series(series)));
        return imagingStudy;
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
