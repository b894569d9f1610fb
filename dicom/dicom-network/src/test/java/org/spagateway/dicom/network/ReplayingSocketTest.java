package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The socket PixelMed's acceptor gets: the request already read comes first, everything else is the real socket. */
class ReplayingSocketTest {

    private final MemorySocket connection = new MemorySocket(new byte[] {4, 5, 6});

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
}
