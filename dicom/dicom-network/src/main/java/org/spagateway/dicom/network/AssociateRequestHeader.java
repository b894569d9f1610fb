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

    /** The DICOM Application Context Name (PS3.7 A.2.1), the only one a DICOM peer may propose. */
    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    private static final int APPLICATION_CONTEXT_ITEM = 0x10;
    private static final int PRESENTATION_CONTEXT_ITEM = 0x20;

    /** The Application Context Name of the request's Application Context item (PS3.8 9.3.2.1), empty when absent. */
    public String applicationContextName() {
        String[] name = {""};
        forEachItem((type, offset, length) -> {
            if (type == APPLICATION_CONTEXT_ITEM && name[0].isEmpty()) {
                name[0] = new String(pdu, offset, length, StandardCharsets.US_ASCII).replace("\0", "").trim();
            }
        });
        return name[0];
    }

    /** How many Presentation Context items the request proposes (PS3.8 9.3.2.2). */
    public int presentationContextCount() {
        int[] count = {0};
        forEachItem((type, offset, length) -> {
            if (type == PRESENTATION_CONTEXT_ITEM) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** One variable item: its type, where its value starts in the PDU and its length. */
    private interface ItemVisitor {
        void visit(int type, int offset, int length);
    }

    /** Walks the variable items (type, reserved, 2-byte length, value), stopping at one that overruns the PDU. */
    private void forEachItem(ItemVisitor visitor) {
        int at = 6 + FIXED_FIELDS_LENGTH;
        while (at + 4 <= pdu.length) {
            int type = pdu[at] & 0xff;
            int length = ((pdu[at + 2] & 0xff) << 8) | (pdu[at + 3] & 0xff);
            if (at + 4 + length > pdu.length) {
                return;
            }
            visitor.visit(type, at + 4, length);
            at += 4 + length;
        }
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
