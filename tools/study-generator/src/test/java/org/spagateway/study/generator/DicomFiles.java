package org.spagateway.study.generator;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import java.io.IOException;
import java.nio.file.Path;
import org.spagateway.dicom.objects.DatasetBuilder;

/** Reads generated files back with PixelMed, as a receiver would. */
final class DicomFiles {

    private DicomFiles() {
    }

    static AttributeList read(Path file) throws IOException, DicomException {
        AttributeList list = new AttributeList();
        list.read(file.toString());
        return list;
    }

    static String value(AttributeList list, String keyword) {
        return Attribute.getSingleStringValueOrEmptyString(list, DatasetBuilder.tag(keyword));
    }

    static String[] values(AttributeList list, String keyword) throws DicomException {
        return list.get(DatasetBuilder.tag(keyword)).getStringValues();
    }
}
