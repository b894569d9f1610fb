package org.spagateway.dicom.listener;

import java.io.IOException;
import java.net.Socket;
import java.util.Optional;

/**
 * What happens to an accepted connection before its A-ASSOCIATE-RQ is read: nothing ({@link #PLAIN}), or a TLS
 * handshake ({@link TlsServerHandshake}). Runs on the association's thread, never on the accept thread.
 */
interface TransportSecurity {

    /** Plain DICOM: the connection as accepted, no peer certificate. */
    TransportSecurity PLAIN = socket -> new SecuredConnection(socket, Optional.empty());

    /**
     * @throws IOException when the connection cannot be secured (the caller closes {@code socket})
     */
    SecuredConnection secure(Socket socket) throws IOException;

    /**
     * A connection ready for the A-ASSOCIATE-RQ.
     *
     * @param socket              what to read and write the association on
     * @param peerCertificateName the subject CN of the peer's verified certificate, when it presented one
     */
    record SecuredConnection(Socket socket, Optional<String> peerCertificateName) {
    }
}
