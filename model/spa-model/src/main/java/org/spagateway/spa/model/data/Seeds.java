package org.spagateway.spa.model.data;

/** Deterministic seed derivation (SplitMix64 finaliser): independent streams from a base seed and indices. */
public final class Seeds {

    private Seeds() {
    }

    public static long mix(long base, long... indices) {
        long h = scramble(base);
        for (long index : indices) {
            h = scramble(h ^ scramble(index + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    private static long scramble(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
