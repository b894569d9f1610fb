package org.spagateway.dicom.network;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * What PixelMed's acceptor reads once an association is established: the peer's PDUs, each read and checked whole
 * before PixelMed sees a byte of it. PixelMed allocates a PDU's declared length ({@code new byte[length]}) as soon as
 * it has the 6-byte header, and each PDV's declared length when it splits a P-DATA-TF, whatever Maximum Length
 * Received was negotiated; and it waits for a PDU with nothing but a per-read timeout. Here, before any of that:
 * <ul>
 *   <li>a P-DATA-TF whose variable field is longer than the Maximum Length Received we offered (PS3.8 D.1) is refused
 *       from its header, before its body is read;</li>
 *   <li>a P-DATA-TF must hold at least one PDV item, each at least 2 bytes long and ending inside the PDU
 *       (PS3.8 9.3.5.1);</li>
 *   <li>A-RELEASE-RQ, A-RELEASE-RP and A-ABORT have the fixed length 4 (PS3.8 9.3.6-9.3.8);</li>
 *   <li>an A-ASSOCIATE PDU on an established association is unexpected, any other type unrecognized (PS3.8 9.2,
 *       state Sta6, event 19);</li>
 *   <li>each whole PDU must arrive within {@code pduTimeout} of being awaited, so a peer that trickles bytes cannot
 *       hold its association (and its slot) forever.</li>
 * </ul>
 * A refused PDU or a missed deadline is answered with an A-ABORT (service-provider, with the reason of PS3.8
 * Table 9-26) before the read fails; PixelMed then closes the connection. Memory per association is one buffer of
 * the offered maximum plus the header.
 */
final class PduScreen extends InputStream {

    private static final int HEADER = 6;
    private static final int A_ASSOCIATE_RQ = 0x01;
    private static final int A_ASSOCIATE_RJ = 0x03;
    private static final int P_DATA_TF = 0x04;
    private static final int A_RELEASE_RQ = 0x05;
    private static final int A_ABORT = 0x07;
    private static final int FIXED_LENGTH = 4;
    /** PDV item: item length (4), then presentation context ID and message control header (PS3.8 9.3.5.1). */
    private static final int PDV_LENGTH_FIELD = 4;
    private static final int PDV_MIN_LENGTH = 2;

    private final DeadlineInput in;
    private final OutputStream abortTo;
    private final int maxPduLength;
    private final Duration pduTimeout;
    private final byte[] pdu;
    private int filled;
    private int position;

    /**
     * @param in           the connection's input, right after the A-ASSOCIATE-RQ
     * @param abortTo      the connection's output, for the A-ABORT
     * @param maxPduLength the Maximum Length Received offered in the A-ASSOCIATE-AC
     * @param pduTimeout   the longest wait for one whole PDU
     */
    PduScreen(DeadlineInput in, OutputStream abortTo, int maxPduLength, Duration pduTimeout) {
        this.in = in;
        this.abortTo = abortTo;
        this.maxPduLength = maxPduLength;
        this.pduTimeout = pduTimeout;
        this.pdu = new byte[HEADER + Math.max(maxPduLength, FIXED_LENGTH)];
    }

    @Override
    public int read() throws IOException {
        if (position == filled && !next()) {
            return -1;
        }
        return pdu[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == filled && !next()) {
            return -1;
        }
        int count = Math.min(length, filled - position);
        System.arraycopy(pdu, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        return filled - position;
    }

    /** Reads and checks the next whole PDU; false when the peer closed the connection between PDUs. */
    private boolean next() throws IOException {
        filled = 0;
        position = 0;
        in.expireAfter(pduTimeout, "the next PDU");
        try {
            if (!readFully(0, HEADER, true)) {
                return false;
            }
            int type = pdu[0] & 0xff;
            long length = ((pdu[2] & 0xffL) << 24) | ((pdu[3] & 0xff) << 16) | ((pdu[4] & 0xff) << 8)
                    | (pdu[5] & 0xff);
            checkHeader(type, length);
            readFully(HEADER, (int) length, false);
            if (type == P_DATA_TF) {
                checkPresentationDataValues((int) length);
            }
            filled = HEADER + (int) length;
            return true;
        } catch (ReadDeadlineExceeded e) {
            AbortPdu.sendQuietly(abortTo, AbortPdu.SERVICE_PROVIDER, AbortPdu.REASON_NOT_SPECIFIED);
            throw e;
        }
    }

    private void checkHeader(int type, long length) throws PduRefused {
        if (type == P_DATA_TF) {
            if (length > maxPduLength) {
                throw refuse(AbortPdu.INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF of " + length
                        + " bytes, longer than the " + maxPduLength + " offered (PS3.8 D.1)");
            }
        } else if (type >= A_RELEASE_RQ && type <= A_ABORT) {
            if (length != FIXED_LENGTH) {
                throw refuse(AbortPdu.INVALID_PDU_PARAMETER_VALUE, "PDU type 0x0" + type + " of " + length
                        + " bytes instead of 4");
            }
        } else if (type >= A_ASSOCIATE_RQ && type <= A_ASSOCIATE_RJ) {
            throw refuse(AbortPdu.UNEXPECTED_PDU, "A-ASSOCIATE PDU type 0x0" + type + " on an established association");
        } else {
            throw refuse(AbortPdu.UNRECOGNIZED_PDU, "unrecognized PDU type 0x" + Integer.toHexString(type));
        }
    }

    private void checkPresentationDataValues(int length) throws PduRefused {
        int offset = HEADER;
        int end = HEADER + length;
        if (length == 0) {
            throw refuse(AbortPdu.INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF without a presentation data value");
        }
        while (offset < end) {
            if (end - offset < PDV_LENGTH_FIELD + PDV_MIN_LENGTH) {
                throw refuse(AbortPdu.INVALID_PDU_PARAMETER_VALUE, "PDV item header cut off by the end of its PDU");
            }
            long itemLength = ((pdu[offset] & 0xffL) << 24) | ((pdu[offset + 1] & 0xff) << 16)
                    | ((pdu[offset + 2] & 0xff) << 8) | (pdu[offset + 3] & 0xff);
            if (itemLength < PDV_MIN_LENGTH || itemLength > end - offset - PDV_LENGTH_FIELD) {
                throw refuse(AbortPdu.INVALID_PDU_PARAMETER_VALUE, "PDV item of " + itemLength
                        + " bytes in a P-DATA-TF with " + (end - offset - PDV_LENGTH_FIELD) + " left");
            }
            offset += PDV_LENGTH_FIELD + (int) itemLength;
        }
    }

    /**
     * @param endOk whether the connection may end before the first byte (between PDUs)
     * @return false when it ended there
     */
    private boolean readFully(int offset, int length, boolean endOk) throws IOException {
        int done = 0;
        while (done < length) {
            int count = in.read(pdu, offset + done, length - done);
            if (count < 0) {
                if (endOk && done == 0) {
                    return false;
                }
                throw new EOFException("connection closed inside a PDU, " + done + " of " + length + " bytes read");
            }
            done += count;
        }
        return true;
    }

    private PduRefused refuse(int reason, String why) {
        AbortPdu.sendQuietly(abortTo, AbortPdu.SERVICE_PROVIDER, reason);
        return new PduRefused(why);
    }

    /** The peer sent a PDU the association cannot take; an A-ABORT has been sent. */
    static final class PduRefused extends IOException {
        private static final long serialVersionUID = 1L;

        PduRefused(String message) {
            super(message);
        }
    }
}
