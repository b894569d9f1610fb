package org.spagateway.dicom.listener;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Part 10 file layout (PS3.10 7.1): 128-byte preamble, "DICM", File Meta Information (group 0002, Explicit VR Little
 * Endian, starting with its group length), then the data set exactly as received.
 */
final class Part10Files {

    private static final int META_START = 132;

    private Part10Files() {
    }

    /**
     * Writes preamble and File Meta Information; the caller appends the received data set bytes unchanged.
     *
     * @return the number of bytes written
     */
    static int writeMetaHeader(OutputStream out, String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                               String sourceAeTitle) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(512);
        try {
            FileMetaInformation meta = new FileMetaInformation(sopClassUid, sopInstanceUid, transferSyntaxUid,
                    sourceAeTitle);
            DicomOutputStream dicom = new DicomOutputStream(header, TransferSyntax.ExplicitVRLittleEndian, null);
            meta.getAttributeList().write(dicom);
            dicom.flush();
        } catch (DicomException e) {
            throw new IOException("cannot build the File Meta Information: " + e.getMessage(), e);
        }
        header.writeTo(out);
        return header.size();
    }

    /** Offset of the data set in a Part 10 file written with a File Meta Information Group Length. */
    static long datasetOffset(Path file) throws IOException {
        byte[] head = new byte[META_START + 12];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) != head.length) {
                throw new IOException("too short for a Part 10 file");
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        boolean magic = "DICM".equals(new String(head, 128, 4, StandardCharsets.US_ASCII));
        boolean groupLength = buffer.getShort(META_START) == 0x0002 && buffer.getShort(META_START + 2) == 0x0000;
        if (!magic || !groupLength) {
            throw new IOException("no File Meta Information Group Length");
        }
        return META_START + 12 + (buffer.getInt(META_START + 8) & 0xffffffffL);
    }

    /** SHA-256 of the data set part of a Part 10 file. */
    static byte[] datasetDigest(Path file) throws IOException {
        long offset = datasetOffset(file);
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.skipNBytes(offset);
            digest.reset();
            in.transferTo(OutputStream.nullOutputStream());
        }
        return digest.digest();
    }

    /**
     * SHA-256 of a whole stored file, lower-case hex: only for instances stored before this run whose digest was not
     * recorded (received instances are hashed while they are written).
     */
    static String fileDigest(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Whether two Part 10 files hold byte-identical data sets (their File Meta Information may differ). */
    static boolean sameDataset(Path first, Path second) throws IOException {
        long firstLength = Files.size(first) - datasetOffset(first);
        long secondLength = Files.size(second) - datasetOffset(second);
        return firstLength == secondLength && MessageDigest.isEqual(datasetDigest(first), datasetDigest(second));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
