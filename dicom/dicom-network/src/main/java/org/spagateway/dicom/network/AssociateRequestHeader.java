package org.spagateway.dicom.network;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The fixed fields of an A-ASSOCIATE-RQ PDU (PS3.8 9.3.2, Table 9-11), read before the association is handed to
 * PixelMed so it can be refused by calling AE, called AE or load. {@link #pdu()} keeps the bytes read so
 * {@link ScreenedAssociationAcceptor} can replay them to PixelMed's acceptor.
 *
 * @param protocolVersion bit 0 set for version 1
 * @param calledAeTitle   trimmed called AE title
 * @param callingAeTitle  trimmed calling AE title
 * @param pdu             the whole PDU as received (header included)
 */
public record AssociateRequestHeader(int protocolVersion, String calledAeTitle, String callingAeTitle, byte[] pdu) {

    static final int A_ASSOCIATE_RQ = 0x01;
    /** Far above any real request (a few hundred presentation contexts are a few tens of KiB). */
    static final int MAX_REQUEST_LENGTH = 1 << 20;
    /** Variable fields start after protocol version (2), reserved (2), called AE (16), calling AE (16), reserved (32). */
    private static final int FIXED_FIELDS_LENGTH = 68;

    /**
     * Reads the A-ASSOCIATE-RQ a requestor sends after connecting, which must arrive whole within {@code timeout}:
     * the ARTIM timer of PS3.8 9.1.5, started when the connection is accepted (state Sta2, action AE-5). A peer that
     * trickles its request byte by byte runs out of time just like a silent one.
     *
     * @throws ReadDeadlineExceeded     when the timer expires; PS3.8 9.2 (AA-2) then closes the connection, no A-ABORT
     * @throws ProtocolViolation        when the first PDU is not a well-formed A-ASSOCIATE-RQ
     */
    public static AssociateRequestHeader read(Socket socket, Duration timeout) throws IOException {
        DeadlineInput in = new DeadlineInput(socket);
        in.expireAfter(timeout, "the A-ASSOCIATE-RQ");
        return read(in);
    }

    /**
     * Reads one PDU and parses it as an A-ASSOCIATE-RQ.
     *
     * @throws ProtocolViolation when the first PDU is not a well-formed A-ASSOCIATE-RQ
     */
    public static AssociateRequestHeader read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[6];
        try {
            data.readFully(header);
        } catch (EOFException e) {
            throw new ProtocolViolation("connection closed before an A-ASSOCIATE-RQ");
        }
        int type = header[0] & 0xff;
        long length = ((header[2] & 0xffL) << 24) | ((header[3] & 0xff) << 16) | ((header[4] & 0xff) << 8)
                | (header[5] & 0xff);
        if (type != A_ASSOCIATE_RQ) {
            throw new ProtocolViolation("first PDU has type 0x" + Integer.toHexString(type) + ", not A-ASSOCIATE-RQ");
        }
        if (length < FIXED_FIELDS_LENGTH || length > MAX_REQUEST_LENGTH) {
            throw new ProtocolViolation("A-ASSOCIATE-RQ length " + length + " is out of range");
        }
        byte[] pdu = new byte[6 + (int) length];
        System.arraycopy(header, 0, pdu, 0, 6);
        data.readFully(pdu, 6, (int) length);
        int version = ((pdu[6] & 0xff) << 8) | (pdu[7] & 0xff);
        return new AssociateRequestHeader(version, aeTitle(pdu, 10), aeTitle(pdu, 26), pdu);
    }

    private static String aeTitle(byte[] pdu, int offset) {
        return new String(pdu, offset, 16, StandardCharsets.US_ASCII).trim();
    }

    /** The peer broke the upper-layer protocol before an association existed: answer with A-ABORT (PS3.8 9.3.8). */
    public static final class ProtocolViolation extends IOException {
        private static final long serialVersionUID = 1L;

        ProtocolViolation(String message) {
            super(message);
        }
    }
}
