package org.spagateway.dicom.seg;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.spagateway.dicom.objects.DatasetBuilder;
import org.spagateway.dicom.objects.SourceImageException;

/**
 * The attributes of a single-frame source image that its SEG copies or references, read with PixelMed up to (not
 * including) Pixel Data. The plane geometry is present for cross-sectional images (CT) and absent for photographs
 * (OP), which have no patient coordinate system.
 */
final class SourceImage {

    /**
     * Patient, Clinical Trial Subject, General Study, Patient Study and Clinical Trial Study attributes (PS3.3
     * C.7.1.1, C.7.1.3, C.7.2.1, C.7.2.2, C.7.2.3): the SEG joins the source's patient and study and must agree
     * with it on every one of them (dcentvfy checks).
     */
    private static final List<String> PATIENT_AND_STUDY_KEYWORDS = List.of(
            "PatientName", "PatientID", "IssuerOfPatientID", "IssuerOfPatientIDQualifiersSequence", "TypeOfPatientID",
            "PatientBirthDate", "PatientBirthTime", "PatientSex", "OtherPatientIDsSequence", "PatientComments",
            "PatientSpeciesDescription", "PatientSpeciesCodeSequence", "PatientBreedDescription",
            "PatientBreedCodeSequence", "BreedRegistrationSequence", "ResponsiblePerson", "ResponsiblePersonRole",
            "ResponsibleOrganization", "PatientIdentityRemoved", "DeidentificationMethod",
            "DeidentificationMethodCodeSequence", "QualityControlSubject", "StrainDescription", "EthnicGroup",
            "ClinicalTrialSponsorName", "ClinicalTrialProtocolID", "ClinicalTrialProtocolName", "ClinicalTrialSiteID",
            "ClinicalTrialSiteName", "ClinicalTrialSubjectID", "ClinicalTrialSubjectReadingID",
            "StudyInstanceUID", "StudyDate", "StudyTime", "ReferringPhysicianName",
            "ReferringPhysicianIdentificationSequence", "ConsultingPhysicianName", "StudyID", "AccessionNumber",
            "IssuerOfAccessionNumberSequence", "StudyDescription", "PhysiciansOfRecord",
            "NameOfPhysiciansReadingStudy", "RequestingService", "ProcedureCodeSequence", "ReasonForPerformedProcedureCodeSequence",
            "AdmittingDiagnosesDescription", "AdmittingDiagnosesCodeSequence", "PatientAge", "PatientSize",
            "PatientWeight", "Occupation", "AdditionalPatientHistory", "ClinicalTrialTimePointID",
            "ClinicalTrialTimePointDescription");

    private final AttributeList header;
    private final int rows;
    private final int columns;

    private SourceImage(AttributeList header, int rows, int columns) {
        this.header = header;
        this.rows = rows;
        this.columns = columns;
    }

    static SourceImage read(Path file) throws IOException, SourceImageException {
        if (!Files.isReadable(file)) {
            throw new NoSuchFileException(file.toString(), null, "source image missing or unreadable");
        }
        AttributeList header = new AttributeList();
        try {
            header.read(file.toFile(), DatasetBuilder.tag("PixelData"));
        } catch (DicomException | IOException e) {
            // The file is there and readable, so PixelMed's IOException means the content is not DICOM it can
            // parse ("Not a DICOM file", premature end): a property of the file, not a transient failure.
            throw new SourceImageException("the source image is not a readable DICOM file", e);
        }
        for (String required : List.of("SOPClassUID", "SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID")) {
            if (text(header, required).isEmpty()) {
                throw new SourceImageException("the source image lacks " + required);
            }
        }
        int rows = integer(header, "Rows");
        int columns = integer(header, "Columns");
        if (rows < 1 || columns < 1) {
            throw new SourceImageException("source image has no Rows/Columns: " + file.getFileName());
        }
        String frames = text(header, "NumberOfFrames");
        if (!frames.isEmpty() && !frames.equals("1")) {
            throw new SourceImageException("source image has " + frames + " frames; only single-frame sources are"
                    + " supported: " + file.getFileName());
        }
        return new SourceImage(header, rows, columns);
    }

    String sopClassUid() {
        return text(header, "SOPClassUID");
    }

    String sopInstanceUid() {
        return text(header, "SOPInstanceUID");
    }

    String studyInstanceUid() {
        return text(header, "StudyInstanceUID");
    }

    String seriesInstanceUid() {
        return text(header, "SeriesInstanceUID");
    }

    int rows() {
        return rows;
    }

    int columns() {
        return columns;
    }

    Optional<String> frameOfReferenceUid() {
        return Optional.of(text(header, "FrameOfReferenceUID")).filter(uid -> !uid.isEmpty());
    }

    String positionReferenceIndicator() {
        return text(header, "PositionReferenceIndicator");
    }

    /** Pixel Spacing, Image Orientation and Image Position (Patient), when the source has all three. */
    Optional<PlaneGeometry> planeGeometry() {
        List<String> spacing = values(header, "PixelSpacing");
        List<String> orientation = values(header, "ImageOrientationPatient");
        List<String> position = values(header, "ImagePositionPatient");
        if (spacing.size() != 2 || orientation.size() != 6 || position.size() != 3 || frameOfReferenceUid().isEmpty()) {
            return Optional.empty();
        }
        List<String> thickness = values(header, "SliceThickness");
        return Optional.of(new PlaneGeometry(spacing, thickness.isEmpty() ? Optional.empty()
                : Optional.of(thickness.get(0)), orientation, position));
    }

    /** Patient Orientation (0020,0020) values; empty when absent or empty. */
    List<String> patientOrientation() {
        return values(header, "PatientOrientation").stream().filter(value -> !value.isEmpty()).toList();
    }

    /** The source's Specific Character Set values (empty: the default repertoire). */
    List<String> specificCharacterSet() {
        return values(header, "SpecificCharacterSet");
    }

    /** The patient- and study-level attributes the source has, to copy into the SEG unchanged. */
    List<Attribute> patientAndStudyAttributes() {
        List<Attribute> copied = new ArrayList<>();
        for (String keyword : PATIENT_AND_STUDY_KEYWORDS) {
            Attribute attribute = header.get(DatasetBuilder.tag(keyword));
            if (attribute != null) {
                copied.add(attribute);
            }
        }
        return copied;
    }

    private static String text(AttributeList list, String keyword) {
        return Attribute.getSingleStringValueOrEmptyString(list, DatasetBuilder.tag(keyword)).trim();
    }

    private static List<String> values(AttributeList list, String keyword) {
        Attribute attribute = list.get(DatasetBuilder.tag(keyword));
        if (attribute == null) {
            return List.of();
        }
        try {
            String[] raw = attribute.getStringValues();
            return raw == null ? List.of() : Arrays.stream(raw).map(String::trim).toList();
        } catch (DicomException e) {
            return List.of();
        }
    }

    private static int integer(AttributeList list, String keyword) {
        return Attribute.getSingleIntegerValueOrDefault(list, DatasetBuilder.tag(keyword), 0);
    }

    /** The source plane's geometry, kept as the decimal strings the source wrote (PS3.3 C.7.6.2). */
    record PlaneGeometry(List<String> pixelSpacing, Optional<String> sliceThickness,
                         List<String> imageOrientationPatient, List<String> imagePositionPatient) {
    }
}
