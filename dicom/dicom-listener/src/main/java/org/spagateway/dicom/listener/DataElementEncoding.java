package org.spagateway.dicom.listener;

import java.util.Set;

/**
 * The encoding facts both readers of received data sets ({@link DatasetHeaderScanner}, {@link DatasetFraming}) walk
 * by: the undefined length, the item and delimiter tags (PS3.5 7.5), and the VRs whose Explicit VR header has a
 * 4-byte length after 2 reserved bytes (PS3.5 7.1.2, Table 7.1-1).
 */
final class DataElementEncoding {

    static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;
    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITER = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    static final Set<String> LONG_LENGTH_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT",
            "SV", "UV");

    private DataElementEncoding() {
    }
}
