package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** The socket PixelMed's acceptor gets: the request already read comes first, everything else is the real socket. */
class ReplayingSocketTest {

    private final ConnectedSocket connection = new ConnectedSocket(new byte[] {4, 5, 6});

    @Test
    void replaysTheBytesAlreadyReadBeforeTheConnectionsOwn() throws Exception {
        try (ReplayingSocket socket = new ReplayingSocket(connection, new byte[] {1, 2, 3},
                connection.getInputStream())) {
            assertThat(socket.getInputStream().readAllBytes()).containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void writesStraightToTheConnection() throws Exception {
        try (ReplayingSocket socket = new ReplayingSocket(connection, new byte[0], connection.getInputStream())) {
            socket.getOutputStream().write(new byte[] {7, 8});
        }

        assertThat(connection.written.toByteArray()).containsExactly(7, 8);
    }

    @Test
    void socketOptionsAndCloseReachTheConnection() throws Exception {
        ReplayingSocket socket = new ReplayingSocket(connection, new byte[0], connection.getInputStream());

        socket.setTcpNoDelay(true);
        socket.setSoTimeout(1234);
        socket.close();

        assertThat(connection.getTcpNoDelay()).isTrue();
        assertThat(connection.getSoTimeout()).isEqualTo(1234);
        assertThat(connection.isClosed()).isTrue();
        assertThat(socket.getTcpNoDelay()).isTrue();
        assertThat(socket.isClosed()).isTrue();
    }

    /** A connected socket in memory: what the peer sent, what was written, and the options set. */
    private static final class ConnectedSocket extends Socket {
        private final InputStream fromPeer;
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private boolean tcpNoDelay;
        private int soTimeout;
        private boolean closed;

        ConnectedSocket(byte[] fromPeer) {
            this.fromPeer = new ByteArrayInputStream(fromPeer);
        }

        @Override
        public InputStream getInputStream() {
            return fromPeer;
        }

        @Override
        public OutputStream getOutputStream() {
            return written;
        }

        @Override
        public void setTcpNoDelay(boolean on) {
            tcpNoDelay = on;
        }

        @Override
        public boolean getTcpNoDelay() throws SocketException {
            return tcpNoDelay;
        }

        @Override
        public synchronized void setSoTimeout(int timeout) {
            soTimeout = timeout;
        }

        @Override
        public synchronized int getSoTimeout() {
            return soTimeout;
        }

        @Override
        public synchronized void close() {
            closed = true;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }
    }
}
