package org.spagateway.dicom.network;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A connection's input with a deadline over many reads, not only a timeout per read: before every read the socket's
 * read timeout is set to what is left until the deadline, so a peer that sends one byte just inside the read timeout,
 * again and again, still runs out of time. Nothing is buffered: a read returns what the socket returned. Not
 * thread-safe; used by the one thread that reads the connection.
 */
final class DeadlineInput extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private long deadlineNanos;
    private String awaited = "data";
    private Duration timeout = Duration.ZERO;

    DeadlineInput(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * Starts a new deadline.
     *
     * @param awaited what must arrive by then, for the message of {@link ReadDeadlineExceeded}
     */
    void expireAfter(Duration limit, String awaited) {
        this.timeout = limit;
        this.awaited = awaited;
        this.deadlineNanos = System.nanoTime() + limit.toNanos();
    }

    @Override
    public int read() throws IOException {
        arm();
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw expired();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        arm();
        try {
            return in.read(buffer, offset, length);
        } catch (SocketTimeoutException e) {
            throw expired();
        }
    }

    private void arm() throws IOException {
        long leftNanos = deadlineNanos - System.nanoTime();
        if (leftNanos <= 0) {
            throw expired();
        }
        long leftMillis = (leftNanos + 999_999) / 1_000_000;
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
    }

    private ReadDeadlineExceeded expired() {
        return new ReadDeadlineExceeded(awaited + " did not arrive whole within " + timeout.toMillis() + " ms");
    }
}
