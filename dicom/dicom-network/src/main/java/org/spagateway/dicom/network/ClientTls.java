package org.spagateway.dicom.network;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * How the gateway secures the associations it opens (PS3.15 B.1, TLS secure transport connection profile): its own
 * key and trust material, the TLS versions it offers and whether the peer's certificate must name the host it was
 * reached at (RFC 6125 / RFC 2818 rules: a DNS name against the subject alternative names, an IP address against the
 * IP address entries). Host name verification is what stops another host, holding any certificate from the same CA,
 * from posing as the PACS.
 *
 * @param context        key managers (the gateway's client certificate, when the peer asks for one) and trust managers
 * @param protocols      TLS versions offered ({@link TlsProtocols})
 * @param verifyHostname check the peer's certificate against the host name or address the association was opened to
 */
public record ClientTls(SSLContext context, List<String> protocols, boolean verifyHostname) {

    public ClientTls {
        Objects.requireNonNull(context, "context");
        protocols = TlsProtocols.require(protocols);
    }

    /**
     * Layers TLS over a connected socket and completes the handshake (bounded by the socket's read timeout per
     * read); the returned socket closes {@code connection} when closed.
     *
     * @throws javax.net.ssl.SSLHandshakeException when the peer's certificate is not trusted or does not name
     *                                             {@code host}, or no common TLS version or cipher suite exists
     */
    public SSLSocket secure(Socket connection, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(connection, host, port, true);
        try {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(protocols.toArray(String[]::new));
            if (verifyHostname) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            socket.setSSLParameters(parameters);
            socket.setUseClientMode(true);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
