package org.spagateway.dicom.listener;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TransferSyntax;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A DICOM requestor written byte by byte on a plain socket to 127.0.0.1, for peers no real tool would be: PDUs with
 * lengths that lie, requests sent a byte at a time, connections dropped halfway (PS3.8 9.3 for every layout).
 */
final class RawPeer implements AutoCloseable {

    static final int A_ASSOCIATE_AC = 0x02;
    static final int A_ASSOCIATE_RJ = 0x03;
    static final int P_DATA_TF = 0x04;
    static final int A_RELEASE_RP = 0x06;
    static final int A_ABORT = 0x07;
    /** Message control header (PS3.8 E.2): bit 0 command, bit 1 last fragment. */
    static final int COMMAND_LAST = 0x03;
    static final int COMMAND_MORE = 0x01;
    static final int DATA_LAST = 0x02;
    static final int DATA_MORE = 0x00;

    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    /** The DICOM Application Context Name (PS3.7 A.2.1). */
    static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    private static final AttributeTag STATUS = new AttributeTag(0x0000, 0x0900);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects; every read gives up after 20 s so a listener that never answers fails the test, not hangs it. */
    static RawPeer connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(20_000);
        return new RawPeer(socket);
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends an A-ASSOCIATE-RQ for {@code abstractSyntax} (context 1, Explicit then Implicit VR LE) and reads the answer. */
    byte[] associate(String callingAe, String calledAe, String abstractSyntax) throws IOException {
        send(associateRequest(callingAe, calledAe, abstractSyntax));
        return readPdu();
    }

    /** Sends an A-ASSOCIATE-RQ proposing {@code contexts} and reads the answer. */
    byte[] associate(String callingAe, String calledAe, List<ProposedContext> contexts) throws IOException {
        return associate(callingAe, calledAe, 1, DICOM_APPLICATION_CONTEXT, contexts);
    }

    /** Sends any A-ASSOCIATE-RQ ({@link #associateRequest(String, String, int, String, List)}), reads the answer. */
    byte[] associate(String callingAe, String calledAe, int protocolVersion, String applicationContext,
                     List<ProposedContext> contexts) throws IOException {
        send(associateRequest(callingAe, calledAe, protocolVersion, applicationContext, contexts));
        return readPdu();
    }

    /** Half-closes the connection: the listener reads the end of the stream, and can still answer. */
    void finishSending() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one whole PDU, header included. */
    byte[] readPdu() throws IOException {
        byte[] header = new byte[6];
        in.readFully(header);
        int length = ((header[2] & 0xff) << 24) | ((header[3] & 0xff) << 16) | ((header[4] & 0xff) << 8)
                | (header[5] & 0xff);
        byte[] pdu = Arrays.copyOf(header, 6 + length);
        in.readFully(pdu, 6, length);
        return pdu;
    }

    /** The Status of the C-STORE-RSP or C-ECHO-RSP in a P-DATA-TF holding one whole command PDV. */
    static int status(byte[] pdu) throws Exception {
        AttributeList command = new AttributeList();
        command.read(new DicomInputStream(new ByteArrayInputStream(pdu, 12, pdu.length - 12),
                TransferSyntax.ImplicitVRLittleEndian, false));
        return Attribute.getSingleIntegerValueOrDefault(command, STATUS, -1);
    }

    /**
     * Whether the listener has closed the connection: a read sees the end of the stream (or a reset) within 200 ms.
     * Consumes anything the listener sent before.
     */
    boolean closedByListener() throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(200);
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(timeout);
            }
        }
    }

    /** A-RELEASE-RQ, answered by A-RELEASE-RP. */
    byte[] release() throws IOException {
        send(new byte[] {0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0});
        return readPdu();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A-ASSOCIATE-RQ (PS3.8 9.3.2) with one presentation context and a Maximum Length Received of 16 KiB. */
    static byte[] associateRequest(String callingAe, String calledAe, String abstractSyntax) {
        return associateRequest(callingAe, calledAe, 1, DICOM_APPLICATION_CONTEXT,
                List.of(new ProposedContext(1, abstractSyntax, List.of(TestDatasets.EXPLICIT_LE, IMPLICIT_LE))));
    }

    /**
     * A-ASSOCIATE-RQ with any protocol version, application context name and presentation contexts (none too), for
     * requests a real requestor would not send.
     */
    static byte[] associateRequest(String callingAe, String calledAe, int protocolVersion, String applicationContext,
                                   List<ProposedContext> contexts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {(byte) (protocolVersion >>> 8), (byte) protocolVersion, 0, 0});
        body.writeBytes(aeTitle(calledAe));
        body.writeBytes(aeTitle(callingAe));
        body.writeBytes(new byte[32]);
        body.writeBytes(item(0x10, ascii(applicationContext)));
        for (ProposedContext proposed : contexts) {
            ByteArrayOutputStream context = new ByteArrayOutputStream();
            context.writeBytes(new byte[] {(byte) proposed.id(), 0, 0, 0});
            context.writeBytes(item(0x30, ascii(proposed.abstractSyntax())));
            proposed.transferSyntaxes().forEach(syntax -> context.writeBytes(item(0x40, ascii(syntax))));
            body.writeBytes(item(0x20, context.toByteArray()));
        }
        ByteArrayOutputStream user = new ByteArrayOutputStream();
        user.writeBytes(item(0x51, new byte[] {0, 0, 0x40, 0}));
        user.writeBytes(item(0x52, ascii("1.2.826.0.1.3680043.2.1545.1")));
        body.writeBytes(item(0x50, user.toByteArray()));
        return pdu(0x01, body.toByteArray());
    }

    /** A P-DATA-TF with one PDV on presentation context 1. */
    static byte[] pData(int messageControlHeader, byte[] value) {
        return pData(1, messageControlHeader, value);
    }

    /** A P-DATA-TF with one PDV on presentation context {@code contextId}. */
    static byte[] pData(int contextId, int messageControlHeader, byte[] value) {
        byte[] item = new byte[6 + value.length];
        int length = value.length + 2;
        item[0] = (byte) (length >>> 24);
        item[1] = (byte) (length >>> 16);
        item[2] = (byte) (length >>> 8);
        item[3] = (byte) length;
        item[4] = (byte) contextId;
        item[5] = (byte) messageControlHeader;
        System.arraycopy(value, 0, item, 6, value.length);
        return pdu(0x04, item);
    }

    static byte[] pdu(int type, byte[] body) {
        int length = body.length;
        byte[] pdu = new byte[6 + length];
        pdu[0] = (byte) type;
        pdu[2] = (byte) (length >>> 24);
        pdu[3] = (byte) (length >>> 16);
        pdu[4] = (byte) (length >>> 8);
        pdu[5] = (byte) length;
        System.arraycopy(body, 0, pdu, 6, length);
        return pdu;
    }

    private static byte[] item(int type, byte[] value) {
        byte[] item = new byte[4 + value.length];
        item[0] = (byte) type;
        item[2] = (byte) (value.length >>> 8);
        item[3] = (byte) value.length;
        System.arraycopy(value, 0, item, 4, value.length);
        return item;
    }

    private static byte[] aeTitle(String title) {
        byte[] padded = new byte[16];
        Arrays.fill(padded, (byte) ' ');
        byte[] text = ascii(title);
        System.arraycopy(text, 0, padded, 0, text.length);
        return padded;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** One presentation context of an A-ASSOCIATE-RQ (PS3.8 9.3.2.2). */
    record ProposedContext(int id, String abstractSyntax, List<String> transferSyntaxes) {
    }
}
