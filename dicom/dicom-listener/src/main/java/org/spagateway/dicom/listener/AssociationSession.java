package org.spagateway.dicom.listener;

import com.pixelmed.network.DicomNetworkException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.spagateway.dicom.network.AssociateRequestHeader;
import org.spagateway.dicom.network.InboundAssociation;
import org.spagateway.dicom.network.ReadDeadlineExceeded;
import org.spagateway.dicom.network.ScreenedAssociationAcceptor;

/**
 * One inbound transport connection, from A-ASSOCIATE-RQ to release or abort (PS3.8 9.2 state machine, acceptor
 * side). The request is screened by the {@link AssociationGate}; an admitted one is negotiated by PixelMed's
 * acceptor (through the {@link ScreenedAssociationAcceptor} door) with our {@link StoragePresentationContextPolicy},
 * then DIMSE requests are served one at a time (no asynchronous operations are negotiated, PS3.7 D.3.3.3). The
 * calling AE and peer address are in the MDC. An {@link OutOfMemoryError} ends the process ({@link FatalErrorExit}).
 */
final class AssociationSession implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AssociationSession.class);

    private final Socket socket;
    private final TransportSecurity security;
    private final AssociationGate gate;
    private final ScreenedAssociationAcceptor acceptor;
    private final InstanceIntake intake;
    private final Runnable onScreened;
    private final Runnable onEnd;
    private final FatalErrorExit fatal;

    /**
     * @param security   secures the connection (TLS handshake) before the request is read
     * @param onScreened runs once the request has been read and decided (or the connection ended before)
     * @param onEnd      runs when the connection is closed
     */
    AssociationSession(Socket socket, TransportSecurity security, AssociationGate gate,
                       ScreenedAssociationAcceptor acceptor, InstanceIntake intake, Runnable onScreened,
                       Runnable onEnd, FatalErrorExit fatal) {
        this.socket = socket;
        this.security = security;
        this.gate = gate;
        this.acceptor = acceptor;
        this.intake = intake;
        this.onScreened = onScreened;
        this.onEnd = onEnd;
        this.fatal = fatal;
    }

    @Override
    public void run() {
        MDC.put("dicom.remote", socket.getInetAddress().getHostAddress() + ":" + socket.getPort());
        boolean holdsSlot = false;
        try {
            socket.setTcpNoDelay(true);
            AssociationGate.Admission admission;
            TransportSecurity.SecuredConnection connection;
            try {
                connection = security.secure(socket);
                admission = gate.screen(connection);
            } finally {
                onScreened.run();
            }
            MDC.put("dicom.callingAe", LogPrivacy.peerText(admission.request().callingAeTitle()));
            if (!admission.admitted()) {
                if (admission.reason().isPresent()) {
                    LOG.info("Rejected association: {} ({})", admission.rejection().get(), admission.reason().get());
                } else {
                    LOG.info("Rejected association: {}", admission.rejection().get());
                }
                return;
            }
            holdsSlot = true;
            InboundAssociation association = acceptor.accept(connection.socket(), admission.request());
            MDC.put("dicom.association", Integer.toString(association.number()));
            LOG.debug("Association accepted");
            serve(association);
        } catch (AssociateRequestHeader.ProtocolViolation e) {
            LOG.info("Connection closed without a valid association request: {}",
                    LogPrivacy.peerText(e.getMessage()));
        } catch (ReadDeadlineExceeded e) {
            LOG.info("Connection closed: {}", LogPrivacy.peerText(e.getMessage()));
        } catch (SSLException e) {
            LOG.info("Connection closed, TLS failed: {}", LogPrivacy.peerText(e.getMessage()));
        } catch (SocketTimeoutException e) {
            LOG.info("Connection closed: {}", LogPrivacy.peerText(e.getMessage()));
        } catch (DicomNetworkException | IOException e) {
            LOG.info("Association ended abnormally: {}", LogPrivacy.peerText(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Association failed", e);
        } catch (OutOfMemoryError e) {
            fatal.exit("DICOM association", e);
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
            if (holdsSlot) {
                gate.release();
            }
            onEnd.run();
            MDC.clear();
        }
    }

    private void serve(InboundAssociation association) throws DicomNetworkException {
        int served = 0;
        while (true) {
            DimseMessageHandler handler = new DimseMessageHandler(association, intake);
            boolean received;
            try {
                received = association.awaitMessage(handler);
            } catch (DicomNetworkException e) {
                handler.abandon();
                abortQuietly(association);
                throw e;
            }
            if (!received) {
                // A-RELEASE-RQ may arrive in the middle of a data set (PS3.8 9.2 allows it in Sta6); the partial
                // instance is dropped as it is on an abort, not left open in .incoming
                handler.abandon();
                LOG.info("Association released after {} request(s)", served);
                return;
            }
            association.send(handler.presentationContextId(), handler.response());
            served++;
        }
    }

    private static void abortQuietly(InboundAssociation association) {
        try {
            association.abort();
        } catch (DicomNetworkException ignored) {
            // the peer is gone already
        }
    }
}
