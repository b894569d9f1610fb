package org.spagateway.dicom.listener;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Set;

/**
 * Edits the top-level elements of an Explicit VR Little Endian data set (PS3.5 7.1.2) byte by byte, to make the
 * malformed data sets no toolkit would write: lengths that lie, elements missing, elements that break their VR.
 */
final class ExplicitVrElements {

    /** VRs with a reserved field and a 32-bit length (PS3.5 Table 7.1-1). */
    private static final Set<String> LONG_LENGTH_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN",
            "UR", "UT", "SV", "UV");

    private ExplicitVrElements() {
    }

    /** The data set without the top-level element {@code tag} ({@code group << 16 | element}). */
    static byte[] without(byte[] dataset, int tag) {
        int at = find(dataset, tag);
        return concat(Arrays.copyOf(dataset, at), Arrays.copyOfRange(dataset, at + elementLength(dataset, at),
                dataset.length));
    }

    /** The data set with {@code element} (whole, header included) inserted before the top-level element {@code tag}. */
    static byte[] insertBefore(byte[] dataset, int tag, byte[] element) {
        int at = find(dataset, tag);
        return concat(Arrays.copyOf(dataset, at), element, Arrays.copyOfRange(dataset, at, dataset.length));
    }

    /** Overwrites the 32-bit length of the first explicit-VR element whose tag and VR are {@code header}. */
    static void declareLength(byte[] dataset, byte[] header, int length) {
        for (int i = 0; i + header.length + 6 <= dataset.length; i++) {
            if (Arrays.equals(dataset, i, i + header.length, header, 0, header.length)) {
                int at = i + header.length + 2;
                dataset[at] = (byte) length;
                dataset[at + 1] = (byte) (length >>> 8);
                dataset[at + 2] = (byte) (length >>> 16);
                dataset[at + 3] = (byte) (length >>> 24);
                return;
            }
        }
        throw new IllegalArgumentException("element not found");
    }

    /** The offset of the value of the top-level element {@code tag}. */
    static int valueOffset(byte[] dataset, int tag) {
        int at = find(dataset, tag);
        return at + (isLong(dataset, at) ? 12 : 8);
    }

    private static int find(byte[] dataset, int tag) {
        int at = 0;
        while (at < dataset.length) {
            int group = (dataset[at] & 0xff) | (dataset[at + 1] & 0xff) << 8;
            int element = (dataset[at + 2] & 0xff) | (dataset[at + 3] & 0xff) << 8;
            if ((group << 16 | element) == tag) {
                return at;
            }
            at += elementLength(dataset, at);
        }
        throw new IllegalArgumentException(String.format("no element %08X", tag));
    }

    private static int elementLength(byte[] dataset, int at) {
        if (isLong(dataset, at)) {
            return 12 + ((dataset[at + 8] & 0xff) | (dataset[at + 9] & 0xff) << 8 | (dataset[at + 10] & 0xff) << 16
                    | (dataset[at + 11] & 0xff) << 24);
        }
        return 8 + ((dataset[at + 6] & 0xff) | (dataset[at + 7] & 0xff) << 8);
    }

    private static boolean isLong(byte[] dataset, int at) {
        return LONG_LENGTH_VRS.contains(new String(dataset, at + 4, 2, java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
