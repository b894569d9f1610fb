package org.spagateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, for peers (dcmtk, Orthanc) that cannot be told to pick port 0. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago. There is an unavoidable race with other processes; prefer
     * letting the server under test bind port 0 and report its port where it can.
     */
    public static int findFreeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Same as {@link #findFreeLoopbackPort()}. */
    public static int find() {
        return findFreeLoopbackPort();
    }
}
