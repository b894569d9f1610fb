package org.spagateway.dicom.network;

import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * Hands an A-ASSOCIATE-RQ that the listener has already read and screened ({@link AssociateRequestHeader}) to
 * PixelMed's acceptor, which negotiates the presentation contexts with a {@link PresentationContextSelector} and
 * answers A-ASSOCIATE-AC (PS3.8 9.3.3). PixelMed reads the request from the socket itself, so the bytes already read
 * are replayed in front of the socket's input ({@link ReplayingSocket}); every later PDU reaches PixelMed only once it
 * has arrived whole and passed the {@link PduScreen}.
 */
public final class ScreenedAssociationAcceptor {

    private final String aeTitle;
    private final int maxPduLength;
    private final Duration pduTimeout;
    private final PresentationContextSelector selector;

    /**
     * @param aeTitle      the called AE title the acceptor answers as
     * @param maxPduLength the Maximum Length Received offered to the requestor (PS3.8 D.1), enforced on every
     *                     P-DATA-TF it sends
     * @param pduTimeout   the longest wait for one whole PDU; an association that runs past it is aborted
     * @param selector     decides each proposed presentation context
     */
    public ScreenedAssociationAcceptor(String aeTitle, int maxPduLength, Duration pduTimeout,
                                       PresentationContextSelector selector) {
        if (pduTimeout.isNegative() || pduTimeout.isZero()) {
            throw new IllegalArgumentException("pduTimeout must be positive");
        }
        this.aeTitle = aeTitle;
        this.maxPduLength = maxPduLength;
        this.pduTimeout = pduTimeout;
        this.selector = selector;
    }

    /**
     * @param socket  the connection the request was read from, nothing else read from it yet
     * @param request the request as read, admitted
     * @throws DicomNetworkException when negotiation fails (PixelMed has answered the requestor)
     */
    public InboundAssociation accept(Socket socket, AssociateRequestHeader request)
            throws DicomNetworkException, IOException {
        PduScreen screen = new PduScreen(new DeadlineInput(socket), socket.getOutputStream(), maxPduLength,
                pduTimeout);
        PresentationContextNegotiation negotiation = new PresentationContextNegotiation(selector);
        return new InboundAssociation(AssociationFactory.createNewAssociation(
                new ReplayingSocket(socket, request.pdu(), screen), aeTitle, maxPduLength, 0, 0, negotiation),
                socket.getOutputStream(), negotiation.acceptedContextIds());
    }
}
