package org.spagateway.dicom.listener;

import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * An instance safely stored under the storage root, with the attributes the completeness decision and the
 * StudyReceived event need. No patient attributes.
 *
 * @param studyInstanceUid              (0020,000D)
 * @param seriesInstanceUid             (0020,000E)
 * @param sopInstanceUid                (0008,0018)
 * @param sopClassUid                   (0008,0016)
 * @param transferSyntaxUid             the transfer syntax of the stored data set
 * @param location                      the Part 10 file
 * @param sizeBytes                     file size
 * @param sha256                        SHA-256 of the file, lower-case hex; null when unknown (a duplicate's)
 * @param modality                      (0008,0060), may be null
 * @param bodyPartExamined              (0018,0015), may be null
 * @param numberOfStudyRelatedInstances (0020,1208) when present
 * @param imagesInAcquisition           (0020,1002) when present
 * @param callingAeTitle                who sent it
 * @param receivedAt                    when it was stored
 * @param patientPseudonym              the pseudonym of its patient ({@link InstanceHeader#patientPseudonym()})
 */
record StoredInstance(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
                             String sopClassUid, String transferSyntaxUid, Path location, long sizeBytes, String sha256,
                             String modality, String bodyPartExamined, OptionalInt numberOfStudyRelatedInstances,
                             OptionalInt imagesInAcquisition, String callingAeTitle, Instant receivedAt,
                             String patientPseudonym) {
}
