package org.spagateway.dicom.listener;

import java.net.Socket;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * Connections accepted whose A-ASSOCIATE-RQ has not been read yet, at most {@code capacity}, oldest first. When one
 * more arrives, the oldest is given up rather than the newest refused: a real requestor sends its request right after
 * connecting, so the oldest pending connection is the one least likely to be a modality, and refusing newcomers would
 * let a handful of silent connections lock everyone out until their ARTIM timeout, again and again.
 */
final class PendingConnections {

    private final int capacity;
    private final LinkedHashSet<Socket> pending = new LinkedHashSet<>();

    PendingConnections(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** Adds a connection; returns the oldest one, no longer pending, when there was no room (the caller closes it). */
    synchronized Optional<Socket> add(Socket socket) {
        pending.add(socket);
        if (pending.size() <= capacity) {
            return Optional.empty();
        }
        Iterator<Socket> oldest = pending.iterator();
        Socket evicted = oldest.next();
        oldest.remove();
        return Optional.of(evicted);
    }

    /** The connection's request has been read (or it ended). */
    synchronized void remove(Socket socket) {
        pending.remove(socket);
    }

    synchronized int size() {
        return pending.size();
    }
}
