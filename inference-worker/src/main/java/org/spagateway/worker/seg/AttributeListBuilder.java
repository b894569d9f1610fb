package org.spagateway.worker.seg;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import java.util.List;

/**
 * Builds a PixelMed {@link AttributeList} by DICOM keyword. Tags and VRs come from PixelMed's standard dictionary
 * (Debian's {@code TagFromName} lacks many Segmentation keywords, DESIGN.md); an unknown keyword fails loudly.
 * Every string attribute is encoded in the character set the dataset declares.
 */
final class AttributeListBuilder {

    private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;

    private final AttributeList list = new AttributeList();
    private final SpecificCharacterSet characterSet;

    AttributeListBuilder(SpecificCharacterSet characterSet) {
        this.characterSet = characterSet;
    }

    static AttributeTag tag(String keyword) {
        AttributeTag tag = DICTIONARY.getTagFromName(keyword);
        if (tag == null) {
            throw new IllegalArgumentException("keyword not in PixelMed's dictionary: " + keyword);
        }
        return tag;
    }

    /** A string-valued attribute (any string VR, also IS/DS given as text); several values make it multi-valued. */
    AttributeListBuilder put(String keyword, String... values) {
        Attribute attribute = newAttribute(keyword);
        try {
            for (String value : values) {
                attribute.addValue(value);
            }
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        return put(attribute);
    }

    AttributeListBuilder put(String keyword, int... values) {
        Attribute attribute = newAttribute(keyword);
        try {
            for (int value : values) {
                attribute.addValue(value);
            }
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        return put(attribute);
    }

    /** Decimal strings copied as the source wrote them, so no value changes by re-formatting. */
    AttributeListBuilder putDecimals(String keyword, List<String> values) {
        return put(keyword, values.toArray(String[]::new));
    }

    /** A Type 2 attribute present with no value (PS3.5 7.4.5). */
    AttributeListBuilder empty(String keyword) {
        return put(newAttribute(keyword));
    }

    AttributeListBuilder tagPointer(String keyword, String pointedKeyword) {
        AttributeTagAttribute pointer = new AttributeTagAttribute(tag(keyword));
        try {
            pointer.addValue(tag(pointedKeyword));
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        return put(pointer);
    }

    AttributeListBuilder sequence(String keyword, List<AttributeList> items) {
        SequenceAttribute sequence = new SequenceAttribute(tag(keyword));
        items.forEach(sequence::addItem);
        return put(sequence);
    }

    AttributeListBuilder sequence(String keyword, AttributeList item) {
        return sequence(keyword, List.of(item));
    }

    /** A single-item code sequence (PS3.3 Table 8.8-1). */
    AttributeListBuilder code(String keyword, CodedConcept concept) {
        return sequence(keyword, concept.toItem(characterSet));
    }

    AttributeListBuilder put(Attribute attribute) {
        list.put(attribute);
        return this;
    }

    AttributeListBuilder nested() {
        return new AttributeListBuilder(characterSet);
    }

    AttributeList build() {
        return list;
    }

    private Attribute newAttribute(String keyword) {
        AttributeTag tag = tag(keyword);
        try {
            return AttributeFactory.newAttribute(tag, DICTIONARY.getValueRepresentationFromTag(tag), characterSet);
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
    }
}
