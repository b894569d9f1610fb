package org.spagateway.dicom.sender;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Part 10 file read for sending: its SOP class and instance UIDs and the data set without the meta header. */
final class Part10Instance {

    private final String sopClassUid;
    private final String sopInstanceUid;
    private final AttributeList dataset;

    private Part10Instance(String sopClassUid, String sopInstanceUid, AttributeList dataset) {
        this.sopClassUid = sopClassUid;
        this.sopInstanceUid = sopInstanceUid;
        this.dataset = dataset;
    }

    /** @throws UnreadableFileException when the file is missing, unreadable, not DICOM or lacks its UIDs */
    static Part10Instance read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UnreadableFileException("missing or unreadable: " + file);
        }
        AttributeList list = new AttributeList();
        try {
            list.read(file.toFile());
        } catch (IOException | DicomException e) {
            throw new UnreadableFileException("not a readable DICOM file: " + file.getFileName() + " (" + e + ")");
        }
        String sopClass = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPClassUID).trim();
        String sopInstance = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID).trim();
        if (sopClass.isEmpty() || sopInstance.isEmpty()) {
            throw new UnreadableFileException("no SOP Class or SOP Instance UID in " + file.getFileName());
        }
        list.removeMetaInformationHeaderAttributes();
        list.removeGroupLengthAttributes();
        return new Part10Instance(sopClass, sopInstance, list);
    }

    String sopClassUid() {
        return sopClassUid;
    }

    String sopInstanceUid() {
        return sopInstanceUid;
    }

    /** The data set encoded in {@code transferSyntaxUid}, as sent in the C-STORE-RQ's data PDVs. */
    byte[] encode(String transferSyntaxUid) throws IOException, DicomException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DicomOutputStream out = new DicomOutputStream(bytes, null, transferSyntaxUid);
        dataset.write(out);
        out.close();
        return bytes.toByteArray();
    }

    /** The file cannot be sent: permanent, repeating the read fails the same way. */
    static final class UnreadableFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableFileException(String message) {
            super(message);
        }
    }
}
