package org.spagateway.spa.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The per-image part of recent rounds ({@code SpaNetwork.embedImage}: about 1 MB per 128 x 128 image), least
 * recently used evicted first, keyed by the image's pixels: a session's later rounds reuse what round 1 computed, as
 * the paper runs its image encoder once per image. A miss (a new session, another worker thread, a restarted worker)
 * recomputes it: the same operations on the same pixels, so the same values. Each entry's arrays live in their own
 * manager, closed on eviction. Not thread-safe: one per predictor.
 */
final class ImageEmbeddingCache implements AutoCloseable {

    /** An embedding and whether an earlier round had computed it. */
    record Lookup(NDList embedding, boolean reused) {
    }

    private record Key(int channels, int size, float[] pixels, int hash) {

        /** A key over the image's own pixels, not copied: for a lookup, never to be kept ({@link #copy}). */
        static Key of(ModelImage image) {
            return new Key(image.channels(), image.size(), image.pixels(), Arrays.hashCode(image.pixels()));
        }

        /** This key with its own copy of the pixels: what the cache keeps (the caller may change its array later). */
        Key copy() {
            return new Key(channels, size, pixels.clone(), hash);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.hash == hash && k.channels == channels && k.size == size
                    && Arrays.equals(k.pixels, pixels);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Entry(NDManager manager, NDList embedding) {
    }

    private final NDManager parent;
    private final int capacity;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    ImageEmbeddingCache(NDManager parent, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.parent = parent;
        this.capacity = capacity;
    }

    /**
     * The embedding of {@code image}, from an earlier round or computed by {@code compute} with a manager of its
     * own (whatever {@code compute} returns is kept; its other arrays are closed).
     */
    Lookup get(ModelImage image, Function<NDManager, NDList> compute) {
        Key key = Key.of(image);
        Entry entry = entries.get(key);
        if (entry != null) {
            return new Lookup(entry.embedding(), true);
        }
        // The key kept: the pixels as they were hashed, whatever the caller does with its array from here on.
        Key kept = key.copy();
        NDManager manager = parent.newSubManager();
        NDList embedding;
        try (NDManager scratch = manager.newSubManager()) {
            embedding = compute.apply(scratch);
            embedding.attach(manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        entries.put(kept, new Entry(manager, embedding));
        while (entries.size() > capacity) {
            Map.Entry<Key, Entry> eldest = entries.entrySet().iterator().next();
            eldest.getValue().manager().close();
            entries.remove(eldest.getKey());
        }
        return new Lookup(embedding, false);
    }

    int size() {
        return entries.size();
    }

    @Override
    public void close() {
        entries.values().forEach(e -> e.manager().close());
        entries.clear();
    }
}
