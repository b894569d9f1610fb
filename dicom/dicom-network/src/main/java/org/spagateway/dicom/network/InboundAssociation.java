package org.spagateway.dicom.network;

import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationDataBridge;
import java.io.OutputStream;
import java.util.Set;

/**
 * An association the listener accepted, served one DIMSE message at a time (no asynchronous operations are
 * negotiated, PS3.7 D.3.3.3): wait for a whole message, then answer it. Not thread-safe; one per session thread.
 */
public final class InboundAssociation {

    private final Association association;
    private final OutputStream abortTo;
    private final Set<Byte> acceptedContextIds;

    /**
     * @param abortTo            the connection's output, for an A-ABORT when the receiver gives up on a message
     * @param acceptedContextIds the presentation contexts accepted at negotiation, the only ones data may use
     */
    InboundAssociation(Association association, OutputStream abortTo, Set<Byte> acceptedContextIds) {
        this.association = association;
        this.abortTo = abortTo;
        this.acceptedContextIds = Set.copyOf(acceptedContextIds);
    }

    /** PixelMed's number for the association, for the logs. */
    public int number() {
        return association.getAssociationNumber();
    }

    public String callingAeTitle() {
        return association.getCallingAETitle();
    }

    /** The transfer syntax accepted for a presentation context of this association. */
    public String transferSyntaxOf(byte presentationContextId) throws DicomNetworkException {
        return association.getTransferSyntaxForPresentationContextID(presentationContextId);
    }

    /**
     * Feeds the P-DATA values that arrive to {@code receiver} until it reports a whole message, each first checked
     * by a {@link PresentationDataScreen} (accepted context, command before data set). When the screen or the receiver
     * throws (a message it cannot take), the requestor is sent an A-ABORT (DICOM UL service-user, PS3.8 7.3.1) before
     * PixelMed, which handles any exception by closing the connection without a word, drops it.
     *
     * @return true when a message arrived; false when the requestor released the association instead (A-RELEASE-RQ,
     *         answered by PixelMed, PS3.8 7.2)
     * @throws DicomNetworkException when the association was aborted or broke the protocol
     */
    public boolean awaitMessage(PresentationDataReceiver receiver) throws DicomNetworkException {
        PresentationDataScreen screened = new PresentationDataScreen(acceptedContextIds, receiver);
        association.setReceivedDataHandler(new PresentationDataBridge((context, command, last, value) -> {
            try {
                return screened.receive(context, command, last, value);
            } catch (Exception e) {
                AbortPdu.sendQuietly(abortTo, AbortPdu.SERVICE_USER, AbortPdu.REASON_NOT_SPECIFIED);
                throw e;
            }
        }));
        try {
            association.waitForPDataPDUsUntilHandlerReportsDone();
            return true;
        } catch (AReleaseException e) {
            return false;
        }
    }

    /** Sends a command set without a data set (a response, PS3.7 9.3) on a presentation context. */
    public void send(byte presentationContextId, byte[] command) throws DicomNetworkException {
        association.send(presentationContextId, command, null);
    }

    /** A-ABORT (PS3.8 7.3). */
    public void abort() throws DicomNetworkException {
        association.abort();
    }
}
