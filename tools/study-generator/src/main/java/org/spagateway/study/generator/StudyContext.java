package org.spagateway.study.generator;

import org.spagateway.events.DeterministicIds;

/**
 * Everything shared by the instances of one generated series: the spec, the derived UIDs and the synthetic
 * patient. The series UID mixes in the seed, so a forced study UID with a new seed yields a new series.
 */
record StudyContext(StudySpec spec, String studyInstanceUid, String seriesInstanceUid,
                    String frameOfReferenceUid, SyntheticPatient patient) {

    static StudyContext from(StudySpec spec) {
        String study = spec.studyInstanceUid().orElseGet(() -> DeterministicIds.dicomUid(
                "synthetic-study", spec.task(), spec.seed()));
        String series = DeterministicIds.dicomUid("synthetic-series", study, spec.task(), spec.seed(),
                spec.size(), spec.instanceCount());
        String frameOfReference = DeterministicIds.dicomUid("synthetic-frame-of-reference", series);
        return new StudyContext(spec, study, series, frameOfReference, SyntheticPatient.forStudy(spec.task(), study));
    }

    String sopInstanceUid(int index) {
        return DeterministicIds.dicomUid("synthetic-instance", seriesInstanceUid, index);
    }
}
