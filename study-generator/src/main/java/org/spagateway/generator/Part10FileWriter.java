package org.spagateway.generator;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a dataset as a DICOM Part 10 file (PS3.10 7.1) in Explicit VR Little Endian. It is written to a
 * {@code .part} sibling and renamed, so a watcher or a sender never sees a half-written object.
 */
final class Part10FileWriter {

    static final String SOURCE_AE_TITLE = "SPA_SYNTH";

    Path write(AttributeList dataset, Path directory, String sopInstanceUid) throws IOException {
        Path target = directory.resolve(sopInstanceUid + ".dcm");
        Path part = directory.resolve(sopInstanceUid + ".dcm.part");
        try {
            FileMetaInformation.addFileMetaInformation(dataset, TransferSyntax.ExplicitVRLittleEndian,
                    SOURCE_AE_TITLE);
            dataset.write(part.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        } catch (DicomException e) {
            Files.deleteIfExists(part);
            throw new IOException("cannot encode instance " + sopInstanceUid, e);
        }
        return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
