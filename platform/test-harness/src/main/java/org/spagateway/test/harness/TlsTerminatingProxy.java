package org.spagateway.test.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A TLS-terminating TCP proxy on a free loopback port, as nginx or a load balancer in front of a server: it accepts
 * TLS with a certificate from a key store and passes the plain bytes both ways to a port on 127.0.0.1. Tests use it
 * to reach a real server over https where the server cannot serve TLS itself (Debian's Orthanc 1.10.1 crashes on its
 * first HTTPS request: seen on this machine with {@code SslEnabled}).
 */
public final class TlsTerminatingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tls-proxy");
        thread.setDaemon(true);
        return thread;
    });

    private TlsTerminatingProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /**
     * Starts the proxy with the key and certificate chain of the PKCS#12 {@code keyStore} (e.g.
     * {@link TestPki.Issued#keyStore()}, password {@link TestPki#PASSWORD}), forwarding to {@code targetPort}.
     */
    public static TlsTerminatingProxy start(Path keyStore, String password, int targetPort) throws IOException {
        SSLContext context;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, password.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use key store " + keyStore, e);
        }
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TlsTerminatingProxy proxy = new TlsTerminatingProxy(server, targetPort);
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    /** The proxy's TLS port on 127.0.0.1. */
    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> forward(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One connection: opens the target (closing the client when it is down) and pumps both ways until either ends. */
    private void forward(Socket client) {
        Socket target;
        try {
            target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        threads.execute(() -> pump(target, client));
        pump(client, target);
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // The other side closed or the handshake failed: the connection is over either way.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing an already broken socket.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
        threads.shutdownNow();
    }
}
