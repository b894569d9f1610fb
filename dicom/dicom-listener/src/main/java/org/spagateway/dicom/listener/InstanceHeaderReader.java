package org.spagateway.dicom.listener;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.spagateway.events.PatientPseudonym;

/**
 * Reads the attributes the listener needs from a Part 10 file or from the first bytes of a data set being received,
 * with the {@link DatasetHeaderScanner}: Pixel Data, and any other value the listener does not need, is never read
 * into memory, whatever length the sender declared for it.
 */
final class InstanceHeaderReader {

    private static final int TRANSFER_SYNTAX_UID = 0x00020010;
    private static final int SOURCE_AE_TITLE = 0x00020016;
    private static final int SOP_CLASS_UID = 0x00080016;
    private static final int SOP_INSTANCE_UID = 0x00080018;
    private static final int MODALITY = 0x00080060;
    private static final int PATIENT_ID = 0x00100020;
    private static final int ISSUER_OF_PATIENT_ID = 0x00100021;
    private static final int BODY_PART_EXAMINED = 0x00180015;
    private static final int STUDY_INSTANCE_UID = 0x0020000D;
    private static final int SERIES_INSTANCE_UID = 0x0020000E;
    private static final int IMAGES_IN_ACQUISITION = 0x00201002;
    private static final int NUMBER_OF_STUDY_RELATED_INSTANCES = 0x00201208;
    private static final Set<Integer> META = Set.of(TRANSFER_SYNTAX_UID, SOURCE_AE_TITLE);
    private static final Set<Integer> DATASET = Set.of(SOP_CLASS_UID, SOP_INSTANCE_UID, MODALITY, PATIENT_ID,
            ISSUER_OF_PATIENT_ID, BODY_PART_EXAMINED, STUDY_INSTANCE_UID, SERIES_INSTANCE_UID, IMAGES_IN_ACQUISITION,
            NUMBER_OF_STUDY_RELATED_INSTANCES);
    private static final int LAST_WANTED = NUMBER_OF_STUDY_RELATED_INSTANCES;

    /** PS3.10 7.1: 128-byte preamble, then "DICM". */
    private static final int PREAMBLE = 128;
    /** The File Meta Information Group Length element: tag, "UL", 2-byte length 4, value. */
    private static final int GROUP_LENGTH_ELEMENT = 12;
    /** Far above any File Meta Information (a few hundred bytes). */
    private static final int MAX_META_LENGTH = 64 * 1024;
    private static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";

    private final PatientPseudonym pseudonyms;

    /** @param pseudonyms turns the Patient ID and its issuer into the pseudonym the header carries instead */
    InstanceHeaderReader(PatientPseudonym pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /**
     * Reads a Part 10 file with a File Meta Information Group Length (as the listener writes them, PS3.10 7.1).
     *
     * @throws IOException when the file cannot be read or is not such a DICOM file
     */
    InstanceHeader read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Map<Integer, String> metaValues = meta(in);
            String transferSyntax = metaValues.get(TRANSFER_SYNTAX_UID);
            Map<Integer, String> values = new DatasetHeaderScanner(in, explicitVr(transferSyntax))
                    .scan(DATASET, LAST_WANTED);
            return header(values, transferSyntax, metaValues.get(SOURCE_AE_TITLE));
        }
    }

    /**
     * The Transfer Syntax UID (0002,0010) in the File Meta Information of {@code in}, a Part 10 file as the listener
     * writes them; only the meta group is read.
     */
    static String transferSyntax(InputStream in) throws IOException {
        String uid = meta(new BufferedInputStream(in)).get(TRANSFER_SYNTAX_UID);
        if (uid == null) {
            throw new IOException("no Transfer Syntax UID in the File Meta Information");
        }
        return uid;
    }

    /** Reads preamble, "DICM" and the File Meta Information group, leaving {@code in} at the data set. */
    private static Map<Integer, String> meta(InputStream in) throws IOException {
        byte[] head = in.readNBytes(PREAMBLE + 4 + GROUP_LENGTH_ELEMENT);
        if (head.length < PREAMBLE + 4 + GROUP_LENGTH_ELEMENT
                || !"DICM".equals(new String(head, PREAMBLE, 4, StandardCharsets.US_ASCII))
                || head[PREAMBLE + 4] != 0x02 || head[PREAMBLE + 5] != 0 || head[PREAMBLE + 6] != 0
                || head[PREAMBLE + 7] != 0) {
            throw new IOException("not a Part 10 file with a File Meta Information Group Length");
        }
        int at = PREAMBLE + 4 + 8;
        long metaLength = (head[at] & 0xffL) | (head[at + 1] & 0xffL) << 8 | (head[at + 2] & 0xffL) << 16
                | (head[at + 3] & 0xffL) << 24;
        if (metaLength > MAX_META_LENGTH) {
            throw new IOException("File Meta Information of " + metaLength + " bytes");
        }
        byte[] meta = in.readNBytes((int) metaLength);
        if (meta.length < metaLength) {
            throw new IOException("file ends inside its File Meta Information");
        }
        return new DatasetHeaderScanner(new ByteArrayInputStream(meta), true).scan(META, 0x0002FFFF);
    }

    /**
     * The header of a data set being received, from the bytes kept in memory ({@code transferSyntaxUid} and
     * {@code sourceAeTitle} are what the File Meta Information of its file says). Empty when those bytes end before
     * the attributes needed, or cannot be parsed: the caller then reads the file, which decides.
     */
    Optional<InstanceHeader> read(DatasetPrefix prefix, String transferSyntaxUid, String sourceAeTitle) {
        DatasetPrefix.Stream bytes = prefix.stream();
        Map<Integer, String> values;
        try {
            values = new DatasetHeaderScanner(bytes, explicitVr(transferSyntaxUid)).scan(DATASET, LAST_WANTED);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (bytes.overrun()) {
            return Optional.empty();
        }
        return Optional.of(header(values, transferSyntaxUid, sourceAeTitle));
    }

    /**
     * Whether a data set in {@code transferSyntaxUid} has explicit VRs: all but Implicit VR Little Endian do among
     * the syntaxes the listener accepts (all Little Endian, none deflated, PS3.5 A).
     */
    static boolean explicitVr(String transferSyntaxUid) {
        return !IMPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntaxUid);
    }

    /** The patient's identifiers go no further than here: the header carries their pseudonym only. */
    private InstanceHeader header(Map<Integer, String> values, String transferSyntaxUid, String sourceAeTitle) {
        String studyInstanceUid = text(values, STUDY_INSTANCE_UID);
        String patientId = text(values, PATIENT_ID);
        String pseudonym = patientId == null && studyInstanceUid == null ? null
                : pseudonyms.of(text(values, ISSUER_OF_PATIENT_ID), patientId, studyInstanceUid);
        return new InstanceHeader(text(values, SOP_CLASS_UID), text(values, SOP_INSTANCE_UID), studyInstanceUid,
                text(values, SERIES_INSTANCE_UID), transferSyntaxUid, emptyToNull(sourceAeTitle),
                text(values, MODALITY), text(values, BODY_PART_EXAMINED),
                integer(values, NUMBER_OF_STUDY_RELATED_INSTANCES), integer(values, IMAGES_IN_ACQUISITION),
                pseudonym);
    }

    private static String text(Map<Integer, String> values, int tag) {
        return emptyToNull(values.get(tag));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static OptionalInt integer(Map<Integer, String> values, int tag) {
        String value = text(values, tag);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int number = Integer.parseInt(value.startsWith("+") ? value.substring(1) : value);
            return number > 0 ? OptionalInt.of(number) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
