package org.spagateway.dicom.listener;

import java.util.OptionalInt;
import org.spagateway.events.PatientPseudonym;

/**
 * The attributes read from a received data set (everything before Pixel Data).
 *
 * @param sopClassUid                   (0008,0016)
 * @param sopInstanceUid                (0008,0018)
 * @param studyInstanceUid              (0020,000D)
 * @param seriesInstanceUid             (0020,000E)
 * @param transferSyntaxUid             (0002,0010) from the meta header, null without one
 * @param sourceAeTitle                 (0002,0016) from the meta header, null without one
 * @param modality                      (0008,0060)
 * @param bodyPartExamined              (0018,0015)
 * @param numberOfStudyRelatedInstances (0020,1208)
 * @param imagesInAcquisition           (0020,1002)
 * @param patientPseudonym              the {@link PatientPseudonym} of (0010,0021) and (0010,0020); null when the data
 *                                      set has neither a Patient ID nor a Study Instance UID
 */
record InstanceHeader(String sopClassUid, String sopInstanceUid, String studyInstanceUid, String seriesInstanceUid,
                      String transferSyntaxUid, String sourceAeTitle, String modality, String bodyPartExamined,
                      OptionalInt numberOfStudyRelatedInstances, OptionalInt imagesInAcquisition,
                      String patientPseudonym) {
}
