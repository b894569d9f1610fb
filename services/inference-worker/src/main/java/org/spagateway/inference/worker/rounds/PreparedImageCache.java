package org.spagateway.inference.worker.rounds;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The prepared model input of recently active sessions, least recently used evicted first, so that a clinician's
 * next round does not read, decode and localise the DICOM source again (the localisers alone cost tens of
 * milliseconds on a fundus photograph). A miss costs only time: the input is recomputed from the source file.
 * Thread-safe.
 */
final class PreparedImageCache {

    private final int capacity;
    private final Map<String, PreparedImage> images;

    PreparedImageCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
        this.images = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedImage> eldest) {
                return size() > PreparedImageCache.this.capacity;
            }
        };
    }

    synchronized Optional<PreparedImage> get(String sessionId) {
        return Optional.ofNullable(images.get(sessionId));
    }

    synchronized void put(String sessionId, PreparedImage image) {
        if (capacity > 0) {
            images.put(sessionId, image);
        }
    }

    synchronized int size() {
        return images.size();
    }
}
