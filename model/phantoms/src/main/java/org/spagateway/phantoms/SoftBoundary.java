package org.spagateway.phantoms;

/**
 * Maps a signed distance to a structure's boundary (negative inside) to an inclusion probability with a smooth
 * rim. The rim is where raters disagree: a cautious rater keeps only the core, a liberal one takes the whole rim.
 */
final class SoftBoundary {

    private SoftBoundary() {
    }

    /** 1 well inside, 0 well outside, a C1-smooth ramp of half-width {@code rimHalfWidth} across the edge. */
    static float inclusion(double signedDistance, double rimHalfWidth) {
        return (float) (1.0 - smoothstep(-rimHalfWidth, rimHalfWidth, signedDistance));
    }

    static double smoothstep(double edge0, double edge1, double x) {
        double t = Math.min(1.0, Math.max(0.0, (x - edge0) / (edge1 - edge0)));
        return t * t * (3.0 - 2.0 * t);
    }

    static float clamp01(double value) {
        return (float) Math.min(1.0, Math.max(0.0, value));
    }
}
