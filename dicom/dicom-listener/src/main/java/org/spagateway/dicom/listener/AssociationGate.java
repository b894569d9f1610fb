package org.spagateway.dicom.listener;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Optional;
import org.spagateway.dicom.network.AssociateRequestHeader;

/**
 * Screens an A-ASSOCIATE-RQ before any association state exists (PS3.8 9.3.2 / 9.3.4): the called AE title must be
 * ours, the calling AE must be on the allow-list (and connect from an allowed host), and there must be room under
 * the association limit. A refused request is answered with the matching A-ASSOCIATE-RJ.
 */
final class AssociationGate {

    private final String calledAeTitle;
    private final CallingAePolicy callingAePolicy;

    AssociationGate(String calledAeTitle, CallingAePolicy callingAePolicy) {
        this.calledAeTitle = calledAeTitle;
        this.callingAePolicy = callingAePolicy;
    }

    /**
     * The outcome of screening.
     *
     * @param request   the request as read
     * @param rejection why it was refused, empty when admitted
     */
    record Admission(AssociateRequestHeader request, Optional<AssociateRejection> rejection) {
        boolean admitted() {
            return rejection.isEmpty();
        }
    }

    /**
     * Reads the A-ASSOCIATE-RQ from {@code socket} and decides; a rejection has been sent when this returns one.
     *
     * @param withinLimit whether a slot under {@code spa.listener.max-associations} was obtained
     * @throws AssociateRequestHeader.ProtocolViolation when the peer did not send an A-ASSOCIATE-RQ (an A-ABORT
     *                                                  has been sent)
     */
    Admission screen(Socket socket, boolean withinLimit) throws IOException {
        AssociateRequestHeader request;
        try {
            request = AssociateRequestHeader.read(socket.getInputStream());
        } catch (AssociateRequestHeader.ProtocolViolation e) {
            sendAbort(socket.getOutputStream());
            throw e;
        }
        Optional<AssociateRejection> rejection = decide(request, socket, withinLimit);
        if (rejection.isPresent()) {
            OutputStream out = socket.getOutputStream();
            out.write(rejection.get().pdu());
            out.flush();
        }
        return new Admission(request, rejection);
    }

    private Optional<AssociateRejection> decide(AssociateRequestHeader request, Socket socket, boolean withinLimit) {
        if ((request.protocolVersion() & 1) == 0) {
            return Optional.of(AssociateRejection.PROTOCOL_VERSION_NOT_SUPPORTED);
        }
        if (!calledAeTitle.equals(request.calledAeTitle())) {
            return Optional.of(AssociateRejection.CALLED_AE_NOT_RECOGNIZED);
        }
        if (!callingAePolicy.permits(request.callingAeTitle(), socket.getInetAddress())) {
            return Optional.of(AssociateRejection.CALLING_AE_NOT_RECOGNIZED);
        }
        if (!withinLimit) {
            return Optional.of(AssociateRejection.LOCAL_LIMIT_EXCEEDED);
        }
        return Optional.empty();
    }

    /** A-ABORT PDU (PS3.8 9.3.8): source 2 (service-provider), reason 2 (unexpected PDU). */
    private static void sendAbort(OutputStream out) {
        try {
            out.write(new byte[] {0x07, 0, 0, 0, 0, 4, 0, 0, 2, 2});
            out.flush();
        } catch (IOException ignored) {
            // the peer is already gone; nothing more to tell it
        }
    }
}
