package org.spagateway.dicom.listener;

/**
 * A fixed set of locks spread over by key (a UID): one key always gets the same lock, and no lock is ever removed, so
 * two threads can never hold different locks for one key; keys of other stripes never wait for each other.
 */
final class StripedLocks {

    private final Object[] locks;

    StripedLocks(int stripes) {
        locks = new Object[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new Object();
        }
    }

    /** The lock of {@code key}'s stripe. */
    Object of(String key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }
}
