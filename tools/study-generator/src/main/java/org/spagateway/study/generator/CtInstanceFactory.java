package org.spagateway.study.generator;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import org.spagateway.dicom.objects.DatasetBuilder;
import org.spagateway.phantoms.NodulePhantom;
import org.spagateway.phantoms.PhantomImage;

/**
 * CT Image (PS3.3 A.3): contiguous axial slices through one nodule phantom, sharing a Frame of Reference. Stored
 * values are signed 16-bit, HU = stored * slope + intercept with intercept -1024, so consumers must apply the
 * Modality LUT (PS3.3 C.11.1) rather than read raw values as HU.
 */
final class CtInstanceFactory implements InstanceFactory {

    /** Slice spacing and thickness: a thin-slice chest protocol, fine enough to cut a 4 mm nodule several times. */
    static final double SLICE_SPACING_MM = 1.25;
    /** Table position of the nodule centre in the patient coordinate system. */
    private static final double NODULE_Z_MM = -150.0;
    private static final int RESCALE_INTERCEPT = -1024;
    private static final int MIN_HU = -1024;
    private static final int MAX_HU = 3071;

    @Override
    public AttributeList create(StudyContext context, int index) throws DicomException {
        StudySpec spec = context.spec();
        int size = spec.size();
        double offset = (index - (spec.instanceCount() - 1) / 2.0) * SLICE_SPACING_MM;
        PhantomImage image = NodulePhantom.fromSeed(spec.seed()).renderSlice(size, offset).image();
        double pixelSpacing = NodulePhantom.FIELD_OF_VIEW_MM / size;
        // Centre of the first transmitted pixel (PS3.3 C.7.6.2.1.1); the phantom's x/y are already LPS.
        double origin = -NodulePhantom.FIELD_OF_VIEW_MM / 2 + pixelSpacing / 2;
        double z = NODULE_Z_MM + offset;
        SyntheticPatient patient = context.patient();

        DatasetBuilder dataset = new DatasetBuilder();
        CommonModules.add(dataset, context, index);
        dataset.put("ImageType", "ORIGINAL", "PRIMARY", "AXIAL")
                .put("PatientPosition", "HFS")
                .put("BodyPartExamined", "CHEST")
                .put("FrameOfReferenceUID", context.frameOfReferenceUid())
                .empty("PositionReferenceIndicator")
                .put("AcquisitionNumber", "1")
                .put("AcquisitionDate", patient.studyDate())
                .put("AcquisitionTime", patient.studyTime())
                .put("KVP", "120")
                .put("PixelSpacing", pixelSpacing, pixelSpacing)
                .put("ImageOrientationPatient", 1.0, 0.0, 0.0, 0.0, 1.0, 0.0)
                .put("ImagePositionPatient", origin, origin, z)
                .put("SliceThickness", SLICE_SPACING_MM)
                .put("SliceLocation", z)
                .put("SamplesPerPixel", 1)
                .put("PhotometricInterpretation", "MONOCHROME2")
                .put("Rows", size)
                .put("Columns", size)
                .put("BitsAllocated", 16)
                .put("BitsStored", 16)
                .put("HighBit", 15)
                .put("PixelRepresentation", 1)
                .put("RescaleIntercept", String.valueOf(RESCALE_INTERCEPT))
                .put("RescaleSlope", "1")
                .put("RescaleType", "HU")
                // Lung window: where a reader looks for nodules.
                .put("WindowCenter", "-600")
                .put("WindowWidth", "1500");
        OtherWordAttribute pixelData = new OtherWordAttribute(DatasetBuilder.tag("PixelData"));
        pixelData.setValues(toStoredValues(image));
        return dataset.put(pixelData).build();
    }

    private static short[] toStoredValues(PhantomImage image) {
        float[] hu = image.pixels();
        short[] stored = new short[hu.length];
        for (int i = 0; i < hu.length; i++) {
            int value = Math.round(Math.min(MAX_HU, Math.max(MIN_HU, hu[i])));
            stored[i] = (short) (value - RESCALE_INTERCEPT);
        }
        return stored;
    }
}
