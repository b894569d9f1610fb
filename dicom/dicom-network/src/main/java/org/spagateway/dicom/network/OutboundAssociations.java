package org.spagateway.dicom.network;

import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.ConnectedAssociationInitiator;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationContext;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedList;
import java.util.Objects;

/**
 * Opens associations as requestor (PS3.8 7.1) with the transport connection tuned before any P-DATA.
 *
 * <p>PixelMed's initiator opens its socket with {@code new Socket(host, port)}: no read timeout and Nagle's algorithm
 * on, which with delayed ACKs costs ~40 ms per DIMSE message on loopback (DESIGN.md, throughput: 500 small instances
 * took 44 s instead of under 1 s). PixelMed offers no hook for socket options, so right after the association is
 * negotiated its socket (a protected field of {@link Association}) gets TCP_NODELAY and a read timeout. That field is
 * resolved when this object is built, so a PixelMed without it fails at start-up, not per association.
 *
 * <p>PixelMed's secure transport takes its TLS settings from the JVM-wide default
 * ({@code SSLSocketFactory.getDefault()}) and verifies no host name, so TLS associations ({@link #openTls}) are
 * opened differently: the connection is made, tuned and secured here ({@link ClientTls}) and handed to
 * {@link ConnectedAssociationInitiator}.
 */
public final class OutboundAssociations {

    private final int readTimeoutMillis;
    private final Field socket;

    /**
     * @param readTimeout the longest wait for any read on an association's connection
     * @throws IncompatiblePixelMedException when PixelMed's association no longer has the socket field
     */
    public OutboundAssociations(Duration readTimeout) {
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive");
        }
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
        this.socket = PixelMedInternals.associationSocket();
    }

    /**
     * Opens an association and tunes its connection; an association whose connection cannot be tuned is aborted.
     *
     * @param contexts the presentation contexts to propose
     */
    public Association open(String host, int port, String calledAeTitle, String callingAeTitle,
                            LinkedList<PresentationContext> contexts) throws DicomNetworkException, IOException {
        Association association = AssociationFactory.createNewAssociation(host, port, calledAeTitle, callingAeTitle,
                contexts, null, false);
        try {
            Socket connection = (Socket) socket.get(association);
            connection.setTcpNoDelay(true);
            connection.setSoTimeout(readTimeoutMillis);
        } catch (IOException | RuntimeException e) {
            abortQuietly(association);
            throw e;
        } catch (IllegalAccessException e) {
            abortQuietly(association);
            throw new IncompatiblePixelMedException("com.pixelmed.network.Association."
                    + PixelMedInternals.ASSOCIATION_SOCKET, "cannot be read", e);
        }
        return association;
    }

    /**
     * Opens an association over TLS: connects within the read timeout, completes the TLS handshake ({@link ClientTls},
     * certificate and host name checked) and only then sends the A-ASSOCIATE-RQ.
     *
     * @throws javax.net.ssl.SSLHandshakeException when the peer is not trusted or TLS cannot be agreed
     */
    public Association openTls(String host, int port, String calledAeTitle, String callingAeTitle,
                               LinkedList<PresentationContext> contexts, ClientTls tls)
            throws DicomNetworkException, IOException {
        Socket connection = new Socket();
        try {
            connection.setTcpNoDelay(true);
            connection.setSoTimeout(readTimeoutMillis);
            connection.connect(new InetSocketAddress(host, port), readTimeoutMillis);
            return new ConnectedAssociationInitiator(tls.secure(connection, host, port), calledAeTitle,
                    callingAeTitle, contexts);
        } catch (IOException | DicomNetworkException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static void abortQuietly(Association association) {
        try {
            association.abort();
        } catch (DicomNetworkException | RuntimeException ignored) {
            // the association is being given up; the caller gets the reason why
        }
    }
}
