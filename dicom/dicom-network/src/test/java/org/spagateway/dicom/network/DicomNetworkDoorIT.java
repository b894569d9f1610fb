package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationOutputStream;
import com.pixelmed.network.CStoreRequestCommandMessage;
import com.pixelmed.network.CStoreResponseCommandMessage;
import com.pixelmed.network.PresentationContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both sides of the door on loopback: an association opened by {@link OutboundAssociations} and accepted by
 * {@link ScreenedAssociationAcceptor} after its request was read and replayed, one C-STORE (PS3.7 9.1.1) through
 * {@link InboundAssociation} and {@link CStoreResponse}, then A-RELEASE.
 */
class DicomNetworkDoorIT {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String SOP_INSTANCE = "2.25.330187472218296416436545128046862129511";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(7);

    private final ExecutorService acceptor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopAcceptor() {
        acceptor.shutdownNow();
    }

    @Test
    void storesOneInstanceOverAScreenedAndReplayedAssociationWithTcpNoDelayOnTheRequestorSocket() throws Exception {
        PixelMedTuning.apply();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<List<String>> served = acceptor.submit(() -> serveOneAssociation(server));

            Association association = new OutboundAssociations(READ_TIMEOUT).open("127.0.0.1", server.getLocalPort(),
                    "DOOR_SCP", "DOOR_SCU", contexts());
            Socket socket = (Socket) PixelMedInternals.associationSocket().get(association);
            boolean tcpNoDelay = socket.getTcpNoDelay();
            int readTimeout = socket.getSoTimeout();
            int status = store(association);
            association.release();

            assertThat(tcpNoDelay).as("TCP_NODELAY on the requestor's socket (DESIGN.md, throughput)").isTrue();
            assertThat(readTimeout).isEqualTo(7000);
            assertThat(status).isZero();
            assertThat(served.get(30, TimeUnit.SECONDS)).containsExactly(
                    "request from DOOR_SCU to DOOR_SCP",
                    "C-STORE of " + SOP_INSTANCE + " in 1.2.840.10008.1.2.1, 300 data bytes",
                    "released");
        }
    }

    /** Explicit VR Little Endian preferred, as StoreScu proposes. */
    private static LinkedList<PresentationContext> contexts() {
        LinkedList<PresentationContext> contexts = new LinkedList<>();
        contexts.add(new PresentationContext((byte) 1, CT, TransferSyntax.ExplicitVRLittleEndian));
        contexts.add(new PresentationContext((byte) 3, CT, TransferSyntax.ImplicitVRLittleEndian));
        return contexts;
    }

    private static int store(Association association) throws Exception {
        byte context = association.getSuitablePresentationContextID(CT);
        CStoreResponse response = new CStoreResponse();
        association.setReceivedDataHandler(response);
        association.send(context, new CStoreRequestCommandMessage(CT, SOP_INSTANCE).getBytes(), null);
        try (AssociationOutputStream data = association.getAssociationOutputStream(context)) {
            data.write(new byte[300]);
        }
        association.waitForCommandPDataPDUs();
        return response.receivedStatus();
    }

    /** The listener's part in small: screen, accept, answer each C-STORE with success, until released. */
    private static List<String> serveOneAssociation(ServerSocket server) throws Exception {
        List<String> seen = new ArrayList<>();
        try (Socket socket = server.accept()) {
            AssociateRequestHeader request = AssociateRequestHeader.read(socket.getInputStream());
            seen.add("request from " + request.callingAeTitle() + " to " + request.calledAeTitle());
            InboundAssociation association = new ScreenedAssociationAcceptor("DOOR_SCP", 16384, READ_TIMEOUT,
                    (abstractSyntax, proposed) -> proposed.contains(TransferSyntax.ExplicitVRLittleEndian)
                            ? PresentationContextDecision.accept(TransferSyntax.ExplicitVRLittleEndian)
                            : PresentationContextDecision.reject(
                                    PresentationContextDecision.TRANSFER_SYNTAXES_NOT_SUPPORTED))
                    .accept(socket, request);
            while (true) {
                StoreRequest store = new StoreRequest();
                if (!association.awaitMessage(store)) {
                    seen.add("released");
                    return seen;
                }
                CStoreRequestCommandMessage command = store.command();
                seen.add("C-STORE of " + command.getAffectedSOPInstanceUID() + " in "
                        + association.transferSyntaxOf(store.context) + ", " + store.data.size() + " data bytes");
                association.send(store.context, new CStoreResponseCommandMessage(command.getAffectedSOPClassUID(),
                        command.getAffectedSOPInstanceUID(), command.getMessageID(), 0x0000).getBytes());
            }
        }
    }

    /** Collects one C-STORE-RQ: its command set, then its data set. */
    private static final class StoreRequest implements PresentationDataReceiver {
        private final ByteArrayOutputStream command = new ByteArrayOutputStream();
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private byte context;

        @Override
        public boolean receive(byte presentationContextId, boolean isCommand, boolean last, byte[] value) {
            context = presentationContextId;
            (isCommand ? command : data).writeBytes(value);
            return !isCommand && last;
        }

        CStoreRequestCommandMessage command() throws Exception {
            AttributeList list = new AttributeList();
            list.read(new DicomInputStream(new ByteArrayInputStream(command.toByteArray()),
                    TransferSyntax.ImplicitVRLittleEndian, false));
            return new CStoreRequestCommandMessage(list);
        }
    }
}
