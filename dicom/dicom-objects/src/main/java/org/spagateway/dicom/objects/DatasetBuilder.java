package org.spagateway.dicom.objects;

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
 * rather than Debian's {@code TagFromName}, which lacks many keywords (Segmentation ones among them, DESIGN.md); an
 * unknown keyword or a value its VR rejects fails with an {@link IllegalArgumentException} naming the keyword.
 * String values are encoded in the character set the dataset declares (PS3.5 6.1.2.3).
 */
public final class DatasetBuilder {

    private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;

    private final AttributeList list = new AttributeList();
    private final SpecificCharacterSet characterSet;

    /** A dataset in the default character repertoire (ASCII, PS3.5 6.1.2.1). */
    public DatasetBuilder() {
        this(null);
    }

    /**
     * @param characterSet the Specific Character Set (0008,0005) the dataset declares, or {@code null} for the
     *                     default repertoire; the caller still puts the SpecificCharacterSet attribute itself
     */
    public DatasetBuilder(SpecificCharacterSet characterSet) {
        this.characterSet = characterSet;
    }

    /** The tag of a keyword in PixelMed's standard dictionary. */
    public static AttributeTag tag(String keyword) {
        AttributeTag tag = DICTIONARY.getTagFromName(keyword);
        if (tag == null) {
            throw new IllegalArgumentException("keyword not in PixelMed's dictionary: " + keyword);
        }
        return tag;
    }

    /** A string-valued attribute (any string VR, also DS/IS given as text); several values make it multi-valued. */
    public DatasetBuilder put(String keyword, String... values) {
        return putValues(keyword, attribute -> {
            for (String value : values) {
                attribute.addValue(value);
            }
        });
    }

    /** String values, e.g. decimal strings copied as the source wrote them, so no value changes by re-formatting. */
    public DatasetBuilder put(String keyword, List<String> values) {
        return put(keyword, values.toArray(String[]::new));
    }

    public DatasetBuilder put(String keyword, int... values) {
        return putValues(keyword, attribute -> {
            for (int value : values) {
                attribute.addValue(value);
            }
        });
    }

    public DatasetBuilder put(String keyword, double... values) {
        return putValues(keyword, attribute -> {
            for (double value : values) {
                attribute.addValue(value);
            }
        });
    }

    /** A Type 2 attribute present with no value (PS3.5 7.4.5): known to the creator, but unknown or not applicable. */
    public DatasetBuilder empty(String keyword) {
        return put(newAttribute(keyword));
    }

    /** An AT attribute whose value is the tag of {@code pointedKeyword}, e.g. Frame Increment Pointer. */
    public DatasetBuilder tagPointer(String keyword, String pointedKeyword) {
        AttributeTagAttribute pointer = new AttributeTagAttribute(tag(keyword));
        try {
            pointer.addValue(tag(pointedKeyword));
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        return put(pointer);
    }

    /** A sequence of the given items; none makes a Type 2 sequence present and empty. */
    public DatasetBuilder sequence(String keyword, AttributeList... items) {
        return sequence(keyword, List.of(items));
    }

    public DatasetBuilder sequence(String keyword, List<AttributeList> items) {
        SequenceAttribute sequence = new SequenceAttribute(tag(keyword));
        items.forEach(sequence::addItem);
        return put(sequence);
    }

    /** A single-item code sequence (PS3.3 Table 8.8-1 basic coded entry). */
    public DatasetBuilder code(String keyword, CodedConcept concept) {
        return sequence(keyword, nested()
                .put("CodeValue", concept.value())
                .put("CodingSchemeDesignator", concept.scheme())
                .put("CodeMeaning", concept.meaning())
                .build());
    }

    public DatasetBuilder put(Attribute attribute) {
        list.put(attribute);
        return this;
    }

    /** A builder for a sequence item, encoded in this dataset's character set. */
    public DatasetBuilder nested() {
        return new DatasetBuilder(characterSet);
    }

    public AttributeList build() {
        return list;
    }

    private DatasetBuilder putValues(String keyword, ValueWriter values) {
        Attribute attribute = newAttribute(keyword);
        try {
            values.addTo(attribute);
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        return put(attribute);
    }

    private Attribute newAttribute(String keyword) {
        AttributeTag tag = tag(keyword);
        try {
            return AttributeFactory.newAttribute(tag, DICTIONARY.getValueRepresentationFromTag(tag), characterSet);
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface ValueWriter {
        void addTo(Attribute attribute) throws DicomException;
    }
}
