package org.spagateway.test.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports on the loopback interface, for peers (dcmtk, Orthanc) that cannot be told to pick port 0. */
public final class FreePorts {

    /**
     * Below Linux's ephemeral range (32768-60999 by default): a port handed out here cannot be taken meanwhile by a
     * server binding port 0 or by the local end of an outgoing connection, which is what made ports picked in
     * advance collide when the server under test took seconds to start.
     */
    private static final int FIRST = 20000;
    private static final int LAST = 32767;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago, never handed out before in this JVM. Another process may still
     * take it; prefer letting the server under test bind port 0 and report its port where it can.
     */
    public static int findFreeLoopbackPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port in " + FIRST + "-" + LAST));
    }

    /** Same as {@link #findFreeLoopbackPort()}. */
    public static int find() {
        return findFreeLoopbackPort();
    }
}
