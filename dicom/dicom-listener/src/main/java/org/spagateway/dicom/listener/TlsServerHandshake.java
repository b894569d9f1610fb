package org.spagateway.dicom.listener;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * The server side of the DICOM TLS handshake (PS3.15 B.1) on an accepted connection, with the listener's
 * {@link ListenerTls} settings. The handshake has a deadline, not only a timeout per read: a peer that connects and
 * never completes the handshake, or trickles it, has its connection closed once the deadline passes, so it holds a
 * thread no longer than one that trickles its A-ASSOCIATE-RQ (the ARTIM timer, PS3.8 9.1.5). Certificates are
 * checked by the JDK (chain to a trusted CA, validity dates); the peer's subject CN is handed on for the calling-AE
 * binding ({@link CallingAePolicy}).
 */
final class TlsServerHandshake implements TransportSecurity {

    private final ListenerTls tls;
    private final Duration deadline;
    private final ScheduledExecutorService timer;

    /**
     * @param deadline how long the whole handshake may take
     * @param timer    closes connections whose handshake ran past the deadline
     */
    TlsServerHandshake(ListenerTls tls, Duration deadline, ScheduledExecutorService timer) {
        this.tls = tls;
        this.deadline = deadline;
        this.timer = timer;
    }

    /**
     * @throws SocketTimeoutException      when the handshake did not complete within the deadline
     * @throws javax.net.ssl.SSLException when it failed: not TLS, no common version, an untrusted, expired or
     *                                     missing client certificate
     */
    @Override
    public SecuredConnection secure(Socket socket) throws IOException {
        SSLSocket secured = (SSLSocket) tls.context().getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        SSLParameters parameters = secured.getSSLParameters();
        parameters.setProtocols(tls.protocols().toArray(String[]::new));
        switch (tls.clientAuth()) {
            case NEED -> parameters.setNeedClientAuth(true);
            case WANT -> parameters.setWantClientAuth(true);
            case NONE -> parameters.setNeedClientAuth(false);
            default -> throw new IllegalStateException("unknown client-auth " + tls.clientAuth());
        }
        secured.setSSLParameters(parameters);
        secured.setUseClientMode(false);
        int millis = (int) Math.min(Integer.MAX_VALUE, deadline.toMillis());
        secured.setSoTimeout(millis);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = timer.schedule(() -> {
            expired.set(true);
            closeQuietly(socket);
        }, millis, TimeUnit.MILLISECONDS);
        try {
            secured.startHandshake();
        } catch (IOException e) {
            if (expired.get() || e instanceof SocketTimeoutException) {
                throw new SocketTimeoutException("TLS handshake did not complete within " + millis + " ms");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
        return new SecuredConnection(secured, commonName(secured));
    }

    private static Optional<String> commonName(SSLSocket socket) {
        Certificate[] chain;
        try {
            chain = socket.getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            return Optional.empty();
        }
        try {
            LdapName subject = new LdapName(certificate.getSubjectX500Principal().getName());
            return subject.getRdns().stream()
                    .filter(rdn -> "CN".equalsIgnoreCase(rdn.getType()))
                    .map(Rdn::getValue)
                    .map(String::valueOf)
                    .reduce((first, last) -> last);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the handshake ends with it, which is the point
        }
    }
}
