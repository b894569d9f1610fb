package org.spagateway.dicom.listener;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DIMSE request command sets written by hand (Implicit VR Little Endian, PS3.7 6.3.1 and E.1), for requests the
 * listener does not serve or that PixelMed's command messages cannot express (a C-STORE-RQ without a data set).
 */
final class RawCommandSet {

    static final int C_STORE_RQ = 0x0001;
    static final int C_FIND_RQ = 0x0020;
    /** PS3.7 E.1: Command Data Set Type 0x0101 means "no data set"; any other value means one follows. */
    static final int NO_DATA_SET = 0x0101;
    static final int DATA_SET = 0x0000;

    private RawCommandSet() {
    }

    /**
     * @param sopInstanceUid Affected SOP Instance UID, null for a request without one (C-FIND)
     */
    static byte[] request(int commandField, String sopClassUid, String sopInstanceUid, int dataSetType) {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        uid(elements, 0x0002, sopClassUid);
        us(elements, 0x0100, commandField);
        us(elements, 0x0110, 1);
        us(elements, 0x0700, 0);
        us(elements, 0x0800, dataSetType);
        if (sopInstanceUid != null) {
            uid(elements, 0x1000, sopInstanceUid);
        }
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        header(command, 0x0000, 4);
        command.writeBytes(le(elements.size(), 4));
        command.writeBytes(elements.toByteArray());
        return command.toByteArray();
    }

    private static void uid(ByteArrayOutputStream out, int element, String uid) {
        byte[] value = uid.getBytes(StandardCharsets.US_ASCII);
        int padded = value.length + (value.length & 1);
        header(out, element, padded);
        out.writeBytes(value);
        if (padded > value.length) {
            out.write(0);
        }
    }

    private static void us(ByteArrayOutputStream out, int element, int value) {
        header(out, element, 2);
        out.writeBytes(le(value, 2));
    }

    private static void header(ByteArrayOutputStream out, int element, int length) {
        out.writeBytes(le(0x0000, 2));
        out.writeBytes(le(element, 2));
        out.writeBytes(le(length, 4));
    }

    private static byte[] le(int value, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }
}
