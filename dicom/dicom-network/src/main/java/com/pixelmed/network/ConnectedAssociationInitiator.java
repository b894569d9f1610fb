package com.pixelmed.network;

import com.pixelmed.utils.ByteArray;
import java.io.IOException;
import java.net.Socket;
import java.util.LinkedList;

/**
 * PixelMed's requestor side of association establishment (PS3.8 9.3.2 / 9.3.3), over a transport connection the
 * caller has already opened. PixelMed's own {@code AssociationInitiator} opens its socket itself, with
 * {@code new Socket(host, port)} or, for secure transport, {@code SSLSocketFactory.getDefault()}: one JVM-wide TLS
 * configuration, no client-certificate choice per destination, no host name verification. The gateway opens and
 * secures the connection ({@code OutboundAssociations}) and hands it here; what follows is what PixelMed's initiator
 * does once connected: send A-ASSOCIATE-RQ, read A-ASSOCIATE-AC, -RJ or A-ABORT. It lives in PixelMed's package only
 * because {@link Association}'s state and the PDU classes are package-private; it compiles against them, so a
 * PixelMed that changed them fails the build, and {@code StoreScuTlsIT} (dicom-sender) runs it against dcmtk and
 * Orthanc.
 */
public final class ConnectedAssociationInitiator extends Association {

    /** What PixelMed's {@code AssociationFactory} sends: implementation class UID and version name (PS3.7 D.3.3.2). */
    private static final String IMPLEMENTATION_CLASS_UID = "1.3.6.1.4.1.5962.99.2";
    private static final String IMPLEMENTATION_VERSION_NAME = "PIXELMEDJAVA001";
    private static final int PDU_HEADER_LENGTH = 6;
    private static final int ASSOCIATE_AC = 0x02;
    private static final int ASSOCIATE_RJ = 0x03;
    private static final int ABORT = 0x07;

    /**
     * Establishes an association on {@code connection}, which the caller has connected (and secured); the
     * connection is closed when the association is refused.
     *
     * @throws DicomNetworkException when the acceptor rejects or aborts, or answers with another PDU
     */
    public ConnectedAssociationInitiator(Socket connection, String calledAeTitle, String callingAeTitle,
                                         LinkedList<PresentationContext> contexts)
            throws DicomNetworkException, IOException {
        this.calledAETitle = calledAeTitle;
        this.callingAETitle = callingAeTitle;
        this.presentationContexts = contexts;
        this.scuSCPRoleSelections = null;
        this.socket = connection;
        this.in = connection.getInputStream();
        this.out = connection.getOutputStream();
        AssociateRequestPDU request = new AssociateRequestPDU(calledAeTitle, callingAeTitle,
                IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME,
                AssociationFactory.getDefaultMaximumLengthReceived(), contexts, null, 0, (String) null, null);
        out.write(request.getBytes());
        out.flush();
        byte[] header = new byte[PDU_HEADER_LENGTH];
        readInsistently(in, header, 0, PDU_HEADER_LENGTH, "type and length of PDU");
        int type = header[0] & 0xff;
        int length = ByteArray.bigEndianToUnsignedInt(header, 2, 4);
        switch (type) {
            case ASSOCIATE_AC -> {
                AssociateAcceptPDU accept = new AssociateAcceptPDU(getRestOfPDU(in, header, length));
                presentationContexts = accept.getAcceptedPresentationContextsWithAbstractSyntaxIncludedFromRequest(
                        contexts);
                maximumLengthReceived = accept.getMaximumLengthReceived();
            }
            case ASSOCIATE_RJ -> {
                AssociateRejectPDU reject = new AssociateRejectPDU(getRestOfPDU(in, header, length));
                connection.close();
                throw new DicomNetworkException("A-ASSOCIATE-RJ indication - " + reject.getInfo());
            }
            case ABORT -> {
                AAbortPDU abort = new AAbortPDU(getRestOfPDU(in, header, length));
                connection.close();
                throw new DicomNetworkException("A-ABORT indication - " + abort.getInfo());
            }
            default -> {
                connection.close();
                throw new DicomNetworkException("A-P-ABORT indication - unexpected PDU type 0x"
                        + Integer.toHexString(type) + " in answer to A-ASSOCIATE-RQ");
            }
        }
    }

    @Override
    public String getCallingAEHostName() {
        return getLocalHostName();
    }

    @Override
    public String getCalledAEHostName() {
        return getRemoteHostName();
    }

    @Override
    public int getCallingAEPort() {
        return getLocalPort();
    }

    @Override
    public int getCalledAEPort() {
        return getRemotePort();
    }
}
