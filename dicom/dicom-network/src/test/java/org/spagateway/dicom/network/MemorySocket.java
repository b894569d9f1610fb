package org.spagateway.dicom.network;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A connected socket in memory for unit tests: what the peer sent, what was written, the options set, closing. */
final class MemorySocket extends Socket {

    private final InputStream fromPeer;
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private int soTimeout;
    private boolean tcpNoDelay;
    private boolean closed;

    MemorySocket(byte[] fromPeer) {
        this(new ByteArrayInputStream(fromPeer));
    }

    MemorySocket(InputStream fromPeer) {
        this.fromPeer = fromPeer;
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
    public synchronized void setSoTimeout(int timeout) {
        soTimeout = timeout;
    }

    @Override
    public synchronized int getSoTimeout() {
        return soTimeout;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        tcpNoDelay = on;
    }

    @Override
    public boolean getTcpNoDelay() {
        return tcpNoDelay;
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
