package org.spagateway.dicom.network;

import java.io.IOException;
import java.io.OutputStream;

/** A-ABORT PDUs (PS3.8 9.3.8, Table 9-26) the door sends itself, with a source and reason PixelMed's abort lacks. */
final class AbortPdu {

    /** DICOM UL service-user: the application gave up (the reason is then "not significant", 0). */
    static final int SERVICE_USER = 0;
    /** DICOM UL service-provider: the upper layer found the peer breaking the protocol. */
    static final int SERVICE_PROVIDER = 2;

    static final int REASON_NOT_SPECIFIED = 0;
    static final int UNRECOGNIZED_PDU = 1;
    static final int UNEXPECTED_PDU = 2;
    static final int INVALID_PDU_PARAMETER_VALUE = 6;

    private AbortPdu() {
    }

    /** The 10-byte PDU: type 07, reserved, length 4, two reserved bytes, source, reason. */
    static byte[] bytes(int source, int reason) {
        return new byte[] {0x07, 0, 0, 0, 0, 4, 0, 0, (byte) source, (byte) reason};
    }

    /** Sends it; a peer that is gone already cannot be told, which is no reason to fail. */
    static void sendQuietly(OutputStream out, int source, int reason) {
        try {
            out.write(bytes(source, reason));
            out.flush();
        } catch (IOException ignored) {
            // the connection is closed next either way
        }
    }
}
