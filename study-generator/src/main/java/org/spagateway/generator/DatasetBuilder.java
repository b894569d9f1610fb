package org.spagateway.generator;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;

/**
 * Builds a PixelMed {@link AttributeList} by DICOM keyword. Tags and VRs come from PixelMed's standard dictionary
 * rather than Debian's incomplete {@code TagFromName}; an unknown keyword fails loudly instead of being dropped.
 */
final class DatasetBuilder {

    private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;

    private final AttributeList list = new AttributeList();

    static AttributeTag tag(String keyword) {
        AttributeTag tag = DICTIONARY.getTagFromName(keyword);
        if (tag == null) {
            throw new IllegalArgumentException("keyword not in PixelMed's dictionary: " + keyword);
        }
        return tag;
    }

    /** Adds a string-valued attribute (any string VR, also DS/IS given as text); several values are multi-valued. */
    DatasetBuilder put(String keyword, String... values) {
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

    DatasetBuilder put(String keyword, int value) {
        Attribute attribute = newAttribute(keyword);
        try {
            attribute.addValue(value);
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        return put(attribute);
    }

    DatasetBuilder put(String keyword, double... values) {
        Attribute attribute = newAttribute(keyword);
        try {
            for (double value : values) {
                attribute.addValue(value);
            }
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        return put(attribute);
    }

    /** A Type 2 attribute present with no value: "known to the creator, but unknown or not applicable". */
    DatasetBuilder empty(String keyword) {
        return put(newAttribute(keyword));
    }

    DatasetBuilder sequence(String keyword, AttributeList... items) {
        SequenceAttribute sequence = new SequenceAttribute(tag(keyword));
        for (AttributeList item : items) {
            sequence.addItem(item);
        }
        return put(sequence);
    }

    /** A single-item code sequence (PS3.3 Table 8.8-1 basic coded entry). */
    DatasetBuilder code(String keyword, String value, String scheme, String meaning) {
        try {
            return sequence(keyword, new CodedSequenceItem(value, scheme, meaning).getAttributeList());
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
    }

    DatasetBuilder put(Attribute attribute) {
        list.put(attribute);
        return this;
    }

    AttributeList build() {
        return list;
    }

    private static Attribute newAttribute(String keyword) {
        AttributeTag tag = tag(keyword);
        try {
            return AttributeFactory.newAttribute(tag, DICTIONARY.getValueRepresentationFromTag(tag));
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
    }
}
