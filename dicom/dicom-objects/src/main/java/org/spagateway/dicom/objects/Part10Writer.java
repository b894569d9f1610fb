package org.spagateway.dicom.objects;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.spagateway.storage.DurableFiles;

/**
 * Writes a dataset as a DICOM Part 10 file (PS3.10 7.1) in Explicit VR Little Endian, named
 * {@code <SOPInstanceUID>.dcm}. It is written durably ({@link DurableFiles#replace}: a private temporary name, synced,
 * renamed atomically, the folder synced), so a watcher, sender or exporter never sees a half-written object and a SEG
 * named in an acknowledged event is still there after a power loss; rewriting an existing file (a regenerated
 * fixture, a redelivered request) replaces it atomically.
 */
public final class Part10Writer {

    private final String sourceAeTitle;

    /** @param sourceAeTitle the Source Application Entity Title (0002,0016) of every file written */
    public Part10Writer(String sourceAeTitle) {
        this.sourceAeTitle = Objects.requireNonNull(sourceAeTitle, "sourceAeTitle");
    }

    /**
     * Adds the File Meta Information (PS3.10 7.1) to {@code dataset} and writes it into {@code directory}, creating
     * the directory if needed. On failure no {@code .part} file is left behind.
     *
     * @return the file written
     * @throws DicomException if the dataset cannot be encoded (the caller decides whether that is permanent)
     * @throws IOException    if the file cannot be written or renamed
     */
    public Path write(AttributeList dataset, Path directory, String sopInstanceUid)
            throws IOException, DicomException {
        Path target = directory.resolve(sopInstanceUid + ".dcm");
        FileMetaInformation.addFileMetaInformation(dataset, TransferSyntax.ExplicitVRLittleEndian, sourceAeTitle);
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        dataset.write(encoded, TransferSyntax.ExplicitVRLittleEndian, true, true);
        DurableFiles.replace(target, encoded::writeTo);
        return target;
    }
}
