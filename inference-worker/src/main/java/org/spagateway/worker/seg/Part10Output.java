package org.spagateway.worker.seg;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a dataset as a DICOM Part 10 file (PS3.10 7.1) in Explicit VR Little Endian: to a {@code .part} sibling
 * first, then an atomic rename, so an exporter never sees a half-written SEG. Rewriting an existing file (a
 * redelivered request) replaces it atomically with identical bytes.
 */
final class Part10Output {

    /** Source Application Entity Title (0002,0016) of every file the worker writes. */
    static final String SOURCE_AE_TITLE = "SPA_WORKER";

    private Part10Output() {
    }

    static Path write(AttributeList dataset, Path directory, String sopInstanceUid) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(sopInstanceUid + ".dcm");
        Path part = directory.resolve(sopInstanceUid + ".dcm.part");
        try {
            FileMetaInformation.addFileMetaInformation(dataset, TransferSyntax.ExplicitVRLittleEndian,
                    SOURCE_AE_TITLE);
            dataset.write(part.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        } catch (DicomException e) {
            Files.deleteIfExists(part);
            throw new IllegalStateException("cannot encode segmentation " + sopInstanceUid, e);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
