package org.spagateway.dicom.listener;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.spagateway.dicom.network.AssociateRequestHeader;

/**
 * Screens an A-ASSOCIATE-RQ before any association state exists (PS3.8 9.3.2 / 9.3.4): it must arrive whole within
 * the ARTIM timeout, name the DICOM application context and propose at least one presentation context (PS3.8
 * 9.3.2; PixelMed checks neither), the called AE title must be ours, the calling AE must be on the allow-list (and
 * connect from an allowed host, with the TLS client certificate it is bound to), and there must be a free
 * association slot. A refused request is answered with the matching
 * A-ASSOCIATE-RJ.
 *
 * <p>The slot is taken only here, after the whole request has arrived and passed every other check, never when the
 * connection is accepted: a connection that trickles its request, or never sends one, holds no slot, so a few of them
 * cannot lock every modality out (issue 13). An admitted association holds its slot until {@link #release()}.
 */
final class AssociationGate {

    private final String calledAeTitle;
    private final CallingAePolicy callingAePolicy;
    private final Duration requestTimeout;
    private final Semaphore slots;

    /**
     * @param requestTimeout  the ARTIM timeout for the whole A-ASSOCIATE-RQ
     * @param maxAssociations the association slots
     */
    AssociationGate(String calledAeTitle, CallingAePolicy callingAePolicy, Duration requestTimeout,
                    int maxAssociations) {
        this.calledAeTitle = calledAeTitle;
        this.callingAePolicy = callingAePolicy;
        this.requestTimeout = requestTimeout;
        this.slots = new Semaphore(maxAssociations);
    }

    /**
     * The outcome of screening.
     *
     * @param request   the request as read
     * @param rejection how it was refused, empty when admitted (and then holding a slot)
     * @param reason    why, for the log, when the rejection alone does not say (a calling AE refused for its host or
     *                  its certificate)
     */
    record Admission(AssociateRequestHeader request, Optional<AssociateRejection> rejection, Optional<String> reason) {
        boolean admitted() {
            return rejection.isEmpty();
        }
    }

    /**
     * Reads the A-ASSOCIATE-RQ from the connection and decides; a rejection has been sent when this returns one.
     *
     * @throws org.spagateway.dicom.network.ReadDeadlineExceeded when the request did not arrive whole in time (the
     *                                                          connection is to be closed, PS3.8 9.2 AA-2)
     * @throws AssociateRequestHeader.ProtocolViolation          when the peer did not send an A-ASSOCIATE-RQ (an
     *                                                          A-ABORT has been sent)
     */
    Admission screen(TransportSecurity.SecuredConnection connection) throws IOException {
        Socket socket = connection.socket();
        AssociateRequestHeader request;
        try {
            request = AssociateRequestHeader.read(socket, requestTimeout);
        } catch (AssociateRequestHeader.ProtocolViolation e) {
            sendAbort(socket.getOutputStream());
            throw e;
        }
        Optional<String> callingAeRefusal = callingAePolicy.refusal(request.callingAeTitle(),
                socket.getInetAddress(), connection.peerCertificateName());
        Optional<AssociateRejection> rejection = decide(request, callingAeRefusal.isEmpty());
        if (rejection.isPresent()) {
            OutputStream out = socket.getOutputStream();
            out.write(rejection.get().pdu());
            out.flush();
        }
        return new Admission(request, rejection,
                rejection.equals(Optional.of(AssociateRejection.CALLING_AE_NOT_RECOGNIZED)) ? callingAeRefusal
                        : Optional.empty());
    }

    /** Gives back the slot of an admitted association that has ended. */
    void release() {
        slots.release();
    }

    int freeSlots() {
        return slots.availablePermits();
    }

    private Optional<AssociateRejection> decide(AssociateRequestHeader request, boolean callingAePermitted) {
        if ((request.protocolVersion() & 1) == 0) {
            return Optional.of(AssociateRejection.PROTOCOL_VERSION_NOT_SUPPORTED);
        }
        if (!AssociateRequestHeader.DICOM_APPLICATION_CONTEXT.equals(request.applicationContextName())) {
            return Optional.of(AssociateRejection.APPLICATION_CONTEXT_NOT_SUPPORTED);
        }
        if (request.presentationContextCount() == 0) {
            return Optional.of(AssociateRejection.NO_PRESENTATION_CONTEXT);
        }
        if (!calledAeTitle.equals(request.calledAeTitle())) {
            return Optional.of(AssociateRejection.CALLED_AE_NOT_RECOGNIZED);
        }
        if (!callingAePermitted) {
            return Optional.of(AssociateRejection.CALLING_AE_NOT_RECOGNIZED);
        }
        if (!slots.tryAcquire()) {
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
