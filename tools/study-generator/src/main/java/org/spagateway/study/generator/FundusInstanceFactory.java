package org.spagateway.study.generator;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import org.spagateway.dicom.objects.CodedConcept;
import org.spagateway.dicom.objects.DatasetBuilder;
import org.spagateway.phantoms.FundusPhantom;
import org.spagateway.phantoms.PhantomImage;
import org.spagateway.events.DeterministicIds;

/**
 * Ophthalmic Photography 8 Bit Image (PS3.3 A.39.1): an RGB fundus photograph with the OP Series, OP Image,
 * Ocular Region Imaged, OP Acquisition Parameters, OP Photographic Parameters and Acquisition Context modules.
 * Instances alternate right and left eye; each has its own phantom seed.
 */
final class FundusInstanceFactory implements InstanceFactory {

    /** 45 degrees: the usual field of a non-mydriatic fundus camera. */
    private static final double FIELD_OF_VIEW_DEGREES = 45.0;
    /** CID 4209 Ophthalmic Anatomic Structure Imaged: retina (SNOMED CT 5665001). */
    private static final CodedConcept RETINA = new CodedConcept("5665001", "SCT", "Retina");
    /** CID 4202 Ophthalmic Image Acquisition Device: fundus camera (SNOMED CT 409899009). */
    private static final CodedConcept FUNDUS_CAMERA = new CodedConcept("409899009", "SCT", "Fundus camera");

    @Override
    public AttributeList create(StudyContext context, int index) throws DicomException {
        StudySpec spec = context.spec();
        int size = spec.size();
        long phantomSeed = DeterministicIds.number("synthetic-fundus-phantom", spec.seed(), index);
        PhantomImage image = FundusPhantom.fromSeed(phantomSeed).render(size).image();
        SyntheticPatient patient = context.patient();
        String laterality = index % 2 == 0 ? "R" : "L";

        DatasetBuilder dataset = new DatasetBuilder();
        CommonModules.add(dataset, context, index);
        dataset.put("ImageType", "ORIGINAL", "PRIMARY")
                .put("AcquisitionDateTime", patient.studyDate() + patient.studyTime())
                .empty("PatientOrientation")
                .put("ImageLaterality", laterality)
                .code("AnatomicRegionSequence", RETINA)
                .empty("AcquisitionContextSequence")
                .put("PatientEyeMovementCommanded", "NO")
                .put("HorizontalFieldOfView", FIELD_OF_VIEW_DEGREES)
                .sequence("RefractiveStateSequence")
                .empty("EmmetropicMagnification")
                .empty("IntraOcularPressure")
                .put("PupilDilated", "NO")
                .code("AcquisitionDeviceTypeCodeSequence", FUNDUS_CAMERA)
                .sequence("IlluminationTypeCodeSequence")
                .sequence("LightPathFilterTypeStackCodeSequence")
                .sequence("ImagePathFilterTypeStackCodeSequence")
                .sequence("LensesCodeSequence")
                .put("DetectorType", "CCD")
                // dciodvfy applies the Synchronization and Multi-frame modules to every OP image (PS3.3 A.39.1):
                // a single frame, no trigger, and a Frame Increment Pointer to a zero Frame Time satisfy them.
                .put("SynchronizationFrameOfReferenceUID", context.frameOfReferenceUid())
                .put("SynchronizationTrigger", "NO TRIGGER")
                .put("AcquisitionTimeSynchronized", "N")
                .put("NumberOfFrames", "1")
                .tagPointer("FrameIncrementPointer", "FrameTime")
                .put("FrameTime", 0.0)
                .put("SamplesPerPixel", 3)
                .put("PhotometricInterpretation", "RGB")
                .put("PlanarConfiguration", 0)
                .put("Rows", size)
                .put("Columns", size)
                .put("BitsAllocated", 8)
                .put("BitsStored", 8)
                .put("HighBit", 7)
                .put("PixelRepresentation", 0);
        OtherByteAttribute pixelData = new OtherByteAttribute(DatasetBuilder.tag("PixelData"));
        pixelData.setValues(toBytes(image));
        return dataset.put(pixelData).build();
    }

    private static byte[] toBytes(PhantomImage image) {
        float[] pixels = image.pixels();
        byte[] bytes = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            bytes[i] = (byte) Math.round(Math.min(1f, Math.max(0f, pixels[i])) * 255f);
        }
        return bytes;
    }
}
