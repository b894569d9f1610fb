package org.spagateway.dicom.network;

import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import java.io.IOException;
import java.net.Socket;

/**
 * Hands an A-ASSOCIATE-RQ that the listener has already read and screened ({@link AssociateRequestHeader}) to
 * PixelMed's acceptor, which negotiates the presentation contexts with a {@link PresentationContextSelector} and
 * answers A-ASSOCIATE-AC (PS3.8 9.3.3). PixelMed reads the request from the socket itself, so the bytes already read
 * are replayed in front of the socket's input ({@link ReplayingSocket}).
 */
public final class ScreenedAssociationAcceptor {

    private final String aeTitle;
    private final int maxPduLength;
    private final PresentationContextNegotiation negotiation;

    /**
     * @param aeTitle      the called AE title the acceptor answers as
     * @param maxPduLength the Maximum Length Received offered to the requestor (PS3.8 D.1)
     * @param selector     decides each proposed presentation context
     */
    public ScreenedAssociationAcceptor(String aeTitle, int maxPduLength, PresentationContextSelector selector) {
        this.aeTitle = aeTitle;
        this.maxPduLength = maxPduLength;
        this.negotiation = new PresentationContextNegotiation(selector);
    }

    /**
     * @param socket  the connection the request was read from, nothing else read from it yet
     * @param request the request as read, admitted
     * @throws DicomNetworkException when negotiation fails (PixelMed has answered the requestor)
     */
    public InboundAssociation accept(Socket socket, AssociateRequestHeader request)
            throws DicomNetworkException, IOException {
        return new InboundAssociation(AssociationFactory.createNewAssociation(
                new ReplayingSocket(socket, request.pdu()), aeTitle, maxPduLength, 0, 0, negotiation));
    }
}
