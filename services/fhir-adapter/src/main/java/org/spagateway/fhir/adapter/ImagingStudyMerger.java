package org.spagateway.fhir.adapter;

import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ImagingStudy;

/**
 * Merges what an event adds to a study (series and instances, {@link ImagingStudyMapper}) into the ImagingStudy the
 * server holds. Additive only, keyed by the DICOM UIDs: a series whose Series Instance UID is absent is appended, an
 * instance whose SOP Instance UID is absent is appended to its series; nothing present is changed or removed
 * (identifier, subject, status, the other series: the resource may be the hospital's own). The counts grow by what
 * was added, so they stay right on a resource that listed its series correctly, and a merge of something already
 * there is no change at all: a redelivered event writes nothing.
 */
final class ImagingStudyMerger {

    /** {@code current} with the absent series and instances of {@code additions}; empty when nothing is absent. */
    Optional<ImagingStudy> merge(ImagingStudy current, ImagingStudy additions) {
        ImagingStudy merged = current.copy();
        int addedSeries = 0;
        int addedInstances = 0;
        for (ImagingStudy.ImagingStudySeriesComponent series : additions.getSeries()) {
            ImagingStudy.ImagingStudySeriesComponent target = findSeries(merged, series.getUid());
            if (target == null) {
                merged.addSeries(series.copy());
                addedSeries++;
                addedInstances += series.getInstance().size();
                addModality(merged, series.getModality());
                continue;
            }
            for (ImagingStudy.ImagingStudySeriesInstanceComponent instance : series.getInstance()) {
                if (!hasInstance(target, instance.getUid())) {
                    int before = target.hasNumberOfInstances() ? target.getNumberOfInstances()
                            : target.getInstance().size();
                    target.addInstance(instance.copy());
                    target.setNumberOfInstances(before + 1);
                    addedInstances++;
                }
            }
        }
        if (addedSeries == 0 && addedInstances == 0) {
            return Optional.empty();
        }
        int seriesBefore = current.hasNumberOfSeries() ? current.getNumberOfSeries() : current.getSeries().size();
        int instancesBefore = current.hasNumberOfInstances() ? current.getNumberOfInstances()
                : current.getSeries().stream().mapToInt(s -> s.getInstance().size()).sum();
        merged.setNumberOfSeries(seriesBefore + addedSeries);
        merged.setNumberOfInstances(instancesBefore + addedInstances);
        return Optional.of(merged);
    }

    /** Whether {@code current} already lists every series and instance of {@code additions}. */
    boolean contains(ImagingStudy current, ImagingStudy additions) {
        return merge(current, additions).isEmpty();
    }

    private static ImagingStudy.ImagingStudySeriesComponent findSeries(ImagingStudy study, String seriesUid) {
        return study.getSeries().stream().filter(s -> seriesUid.equals(s.getUid())).findFirst().orElse(null);
    }

    private static boolean hasInstance(ImagingStudy.ImagingStudySeriesComponent series, String sopInstanceUid) {
        return series.getInstance().stream().anyMatch(i -> sopInstanceUid.equals(i.getUid()));
    }

    private static void addModality(ImagingStudy study, Coding modality) {
        boolean listed = study.getModality().stream().anyMatch(m -> m.getCode() != null
                && m.getCode().equals(modality.getCode()) && m.getSystem() != null
                && m.getSystem().equals(modality.getSystem()));
        if (!listed) {
            study.addModality(modality.copy());
        }
    }
}
