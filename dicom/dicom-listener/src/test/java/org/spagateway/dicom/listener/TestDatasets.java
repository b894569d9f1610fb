package org.spagateway.dicom.listener;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import org.spagateway.events.PatientPseudonym;

/** Small data sets (Explicit VR Little Endian, no meta header) as a C-STORE would carry them. */
final class TestDatasets {

    /** The pseudonym key of the tests' listeners and header readers. */
    static final byte[] PSEUDONYM_KEY = "spa-gateway listener test pseudonym key".getBytes(StandardCharsets.US_ASCII);
    static final PatientPseudonym PSEUDONYMS = new PatientPseudonym(PSEUDONYM_KEY);

    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    private TestDatasets() {
    }

    static byte[] dataset(String sopClass, String sop, String study, String series, String modality, byte fill) {
        return build(sopClass, sop, study, series, modality, fill, true, 0, 4, null, null);
    }

    /** A CT data set of the patient {@code patientId} issued by {@code issuer} (either may be null: absent). */
    static byte[] datasetOfPatient(String sop, String study, String series, String issuer, String patientId) {
        return build(CT, sop, study, series, "CT", (byte) 1, true, 0, 4, issuer, patientId);
    }

    static byte[] datasetWithoutStudySize(String sopClass, String sop, String study, String series, String modality,
                                          byte fill) {
        return build(sopClass, sop, study, series, modality, fill, false, 0, 4, null, null);
    }

    /**
     * A CT data set with {@code headerPadding} bytes of a private OB element between SOP and Study attributes, so
     * the Study and Series UIDs lie that far in, and {@code pixelBytes} of Pixel Data.
     */
    static byte[] datasetWithSizes(String sop, String study, String series, int headerPadding, int pixelBytes) {
        return build(CT, sop, study, series, "CT", (byte) 1, true, headerPadding, pixelBytes, null, null);
    }

    private static byte[] build(String sopClass, String sop, String study, String series, String modality, byte fill,
                                boolean declareStudySize, int headerPadding, int pixelBytes, String issuer,
                                String patientId) {
        try {
            AttributeList list = new AttributeList();
            uid(list, 0x0008, 0x0016, sopClass);
            uid(list, 0x0008, 0x0018, sop);
            CodeStringAttribute modalityAttribute = new CodeStringAttribute(new AttributeTag(0x0008, 0x0060));
            modalityAttribute.addValue(modality);
            list.put(modalityAttribute);
            if (headerPadding > 0) {
                LongStringAttribute creator = new LongStringAttribute(new AttributeTag(0x0009, 0x0010));
                creator.addValue("SPA TEST");
                list.put(creator);
                OtherByteAttribute padding = new OtherByteAttribute(new AttributeTag(0x0009, 0x1010));
                padding.setValues(new byte[headerPadding]);
                list.put(padding);
            }
            if (patientId != null) {
                LongStringAttribute id = new LongStringAttribute(new AttributeTag(0x0010, 0x0020));
                id.addValue(patientId);
                list.put(id);
            }
            if (issuer != null) {
                LongStringAttribute issuerAttribute = new LongStringAttribute(new AttributeTag(0x0010, 0x0021));
                issuerAttribute.addValue(issuer);
                list.put(issuerAttribute);
            }
            uid(list, 0x0020, 0x000D, study);
            uid(list, 0x0020, 0x000E, series);
            if (declareStudySize) {
                IntegerStringAttribute count = new IntegerStringAttribute(new AttributeTag(0x0020, 0x1208));
                count.addValue(3);
                list.put(count);
            }
            OtherByteAttribute pixels = new OtherByteAttribute(new AttributeTag(0x7FE0, 0x0010));
            byte[] pixelData = new byte[pixelBytes];
            Arrays.fill(pixelData, fill);
            pixels.setValues(pixelData);
            list.put(pixels);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DicomOutputStream out = new DicomOutputStream(bytes, null, TransferSyntax.ExplicitVRLittleEndian);
            list.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static StoredInstance instance(String study, String series, String sop, String modality, Instant at,
                                   OptionalInt declaredStudySize, String callingAe) {
        return new StoredInstance(study, series, sop, CT, EXPLICIT_LE, Path.of("/data", study, series, sop + ".dcm"),
                100, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", modality, "CHEST", declaredStudySize, OptionalInt.empty(), callingAe, at, PSEUDONYMS.of(null,
                "PAT-" + study, study));
    }

    /** A header reader keyed with {@link #PSEUDONYM_KEY}. */
    static InstanceHeaderReader headerReader() {
        return new InstanceHeaderReader(PSEUDONYMS);
    }

    private static void uid(AttributeList list, int group, int element, String value) throws Exception {
        UniqueIdentifierAttribute attribute = new UniqueIdentifierAttribute(new AttributeTag(group, element));
        attribute.addValue(value);
        list.put(attribute);
    }
}
