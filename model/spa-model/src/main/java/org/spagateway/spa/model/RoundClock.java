package org.spagateway.spa.model;

/** Times the stages of one round as consecutive laps on one thread; see {@link RoundTimings}. Not thread-safe. */
final class RoundClock {

    enum Stage { ENCODER, PROMPT, FUSION, DECODER, KMEANS, ANALYSIS }

    private final long[] nanos = new long[Stage.values().length];
    private long last = System.nanoTime();

    /** Adds the time since the previous lap (or since the clock was made) to {@code stage}. */
    void lap(Stage stage) {
        long now = System.nanoTime();
        nanos[stage.ordinal()] += now - last;
        last = now;
    }

    RoundTimings timings(boolean embeddingReused) {
        return new RoundTimings(nanos[0], nanos[1], nanos[2], nanos[3], nanos[4], nanos[5], embeddingReused);
    }
}
