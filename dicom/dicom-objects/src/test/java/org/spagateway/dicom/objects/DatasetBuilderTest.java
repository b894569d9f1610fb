package org.spagateway.dicom.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.ValueRepresentation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetBuilderTest {

    @Test
    void putsAttributesByKeywordWithTheDictionaryVr() throws Exception {
        AttributeList list = new DatasetBuilder()
                .put("PatientID", "SYN-0001")
                .put("ImageType", "DERIVED", "PRIMARY")
                .put("Rows", 256)
                .put("SliceThickness", 1.25)
                .put("PixelSpacing", List.of("0.5", "0.50"))
                .empty("PatientBirthDate")
                .build();

        assertThat(Attribute.getSingleStringValueOrNull(list, DatasetBuilder.tag("PatientID"))).isEqualTo("SYN-0001");
        assertThat(list.get(DatasetBuilder.tag("ImageType")).getStringValues()).containsExactly("DERIVED", "PRIMARY");
        assertThat(ValueRepresentation.isUnsignedShortVR(list.get(DatasetBuilder.tag("Rows")).getVR())).isTrue();
        assertThat(Attribute.getSingleIntegerValueOrDefault(list, DatasetBuilder.tag("Rows"), 0)).isEqualTo(256);
        assertThat(ValueRepresentation.isDecimalStringVR(list.get(DatasetBuilder.tag("SliceThickness")).getVR()))
                .isTrue();
        assertThat(list.get(DatasetBuilder.tag("PixelSpacing")).getStringValues()).containsExactly("0.5", "0.50");
        assertThat(list.get(DatasetBuilder.tag("PatientBirthDate")).getVM()).isZero();
    }

    @Test
    void unknownKeywordFailsNamingIt() {
        assertThatThrownBy(() -> new DatasetBuilder().put("PatientNmae", "Doe^Jane"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PatientNmae");
        assertThatThrownBy(() -> DatasetBuilder.tag("NoSuchKeyword"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NoSuchKeyword");
    }

    @Test
    void valueTheVrRejectsFailsNamingTheKeyword() {
        assertThatThrownBy(() -> new DatasetBuilder().put("Rows", "not a number"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Rows: ");
    }

    @Test
    void codeSequenceHoldsOneBasicCodedEntry() {
        AttributeList list = new DatasetBuilder()
                .code("AnatomicRegionSequence", new CodedConcept("5665001", "SCT", "Retina"))
                .build();

        SequenceAttribute sequence = (SequenceAttribute) list.get(DatasetBuilder.tag("AnatomicRegionSequence"));
        assertThat(sequence.getNumberOfItems()).isEqualTo(1);
        AttributeList item = sequence.getItem(0).getAttributeList();
        assertThat(Attribute.getSingleStringValueOrNull(item, DatasetBuilder.tag("CodeValue"))).isEqualTo("5665001");
        assertThat(Attribute.getSingleStringValueOrNull(item, DatasetBuilder.tag("CodingSchemeDesignator")))
                .isEqualTo("SCT");
        assertThat(Attribute.getSingleStringValueOrNull(item, DatasetBuilder.tag("CodeMeaning"))).isEqualTo("Retina");
    }

    @Test
    void sequenceWithoutItemsIsPresentAndEmpty() {
        AttributeList list = new DatasetBuilder().sequence("RefractiveStateSequence").build();

        assertThat(((SequenceAttribute) list.get(DatasetBuilder.tag("RefractiveStateSequence"))).getNumberOfItems())
                .isZero();
    }

    @Test
    void tagPointerPointsAtTheOtherKeywordsTag() throws Exception {
        AttributeList list = new DatasetBuilder().tagPointer("FrameIncrementPointer", "FrameTime").build();

        AttributeTagAttribute pointer = (AttributeTagAttribute) list.get(DatasetBuilder.tag("FrameIncrementPointer"));
        assertThat(pointer.getAttributeTagValues()).containsExactly(DatasetBuilder.tag("FrameTime"));
    }

    @Test
    void nestedItemsUseTheDatasetsCharacterSet() throws Exception {
        DatasetBuilder dataset = new DatasetBuilder(new SpecificCharacterSet(new String[] {"ISO_IR 192"}));
        AttributeList item = dataset.nested().put("CodeMeaning", "Sehnervenkopf \u00fc").build();

        // 16 bytes in UTF-8, so no padding: the encoded value is exactly the UTF-8 bytes.
        assertThat(item.get(DatasetBuilder.tag("CodeMeaning")).getByteValues())
                .isEqualTo("Sehnervenkopf \u00fc".getBytes(StandardCharsets.UTF_8));
    }
}
