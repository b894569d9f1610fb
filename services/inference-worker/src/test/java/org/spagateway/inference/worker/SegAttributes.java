package org.spagateway.inference.worker;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spagateway.dicom.objects.DatasetBuilder;
import org.spagateway.events.SegmentationReference;

/** A written SEG read back with PixelMed: top-level attributes and one attribute of every segment. */
public final class SegAttributes {

    private final AttributeList list;

    private SegAttributes(AttributeList list) {
        this.list = list;
    }

    public static Path file(SegmentationReference reference) {
        return Path.of(URI.create(reference.location()));
    }

    public static SegAttributes read(SegmentationReference reference) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file(reference).toFile());
        return new SegAttributes(list);
    }

    public String text(String keyword) {
        return Attribute.getSingleStringValueOrEmptyString(list, DatasetBuilder.tag(keyword));
    }

    /** {@code keyword} of each item of the Segment Sequence (0062,0002), in order. */
    public List<String> perSegment(String keyword) {
        SequenceAttribute sequence = (SequenceAttribute) list.get(DatasetBuilder.tag("SegmentSequence"));
        List<String> values = new ArrayList<>();
        for (int i = 0; i < sequence.getNumberOfItems(); i++) {
            values.add(Attribute.getSingleStringValueOrEmptyString(sequence.getItem(i).getAttributeList(),
                    DatasetBuilder.tag(keyword)));
        }
        return values;
    }
}
