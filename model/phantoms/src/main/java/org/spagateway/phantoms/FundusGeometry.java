package org.spagateway.phantoms;

import java.util.SplittableRandom;

/**
 * Random but anatomically sane layout of a fundus photograph, in coordinates normalised to the image width
 * (0..1). The disc is a slightly vertical, wobbly ellipse; the cup shares its orientation and is bounded so that
 * its outermost rim stays inside the disc's certain core: cup-to-disc ratio 0.3-0.6 covers healthy to suspicious
 * discs without overlapping rims.
 */
record FundusGeometry(
        double discX, double discY, double discRadius, double aspect, double rotation,
        ContourWobble discWobble, double discRim,
        double cupRatio, double cupOffsetX, double cupOffsetY, ContourWobble cupWobble, double cupRim,
        double maculaX, double maculaY,
        double[] vesselAngles, double[] vesselCurvatures, double[] vesselWidths, double[] vesselPhases) {

    /** Radius modulation 1 + a2 cos(2phi + p2) + a3 cos(3phi + p3), so boundaries are not perfect ellipses. */
    record ContourWobble(double a2, double p2, double a3, double p3) {
        double at(double phi) {
            return 1.0 + a2 * Math.cos(2 * phi + p2) + a3 * Math.cos(3 * phi + p3);
        }

        static ContourWobble draw(SplittableRandom random, double maxTotal) {
            double a2 = random.nextDouble(0, maxTotal / 2);
            double a3 = random.nextDouble(0, maxTotal / 2);
            return new ContourWobble(a2, random.nextDouble(0, 2 * Math.PI), a3, random.nextDouble(0, 2 * Math.PI));
        }
    }

    static FundusGeometry draw(SplittableRandom random) {
        double discX = random.nextDouble(0.32, 0.68);
        double discY = random.nextDouble(0.42, 0.58);
        double discRadius = random.nextDouble(0.065, 0.095);
        double aspect = random.nextDouble(1.0, 1.2);
        double rotation = random.nextDouble(-0.3, 0.3);
        // Rim half-widths are fractions of the structure radius. The cup rim is wider: the cup edge is the less
        // agreed boundary in practice (REFUGE cup annotations disagree far more than disc annotations).
        double discRim = random.nextDouble(0.05, 0.09);
        double cupRim = random.nextDouble(0.12, 0.2);
        double cupRatio = random.nextDouble(0.3, 0.6);
        double cupOffsetX = random.nextDouble(-0.08, 0.08);
        double cupOffsetY = random.nextDouble(-0.05, 0.05);
        // The macula lies about 2.5 disc diameters temporal to the disc, i.e. towards the image centre.
        double maculaX = discX < 0.5 ? discX + 0.26 : discX - 0.26;
        double maculaY = discY + random.nextDouble(-0.03, 0.03);
        int vessels = random.nextInt(8, 13);
        double[] angles = new double[vessels];
        double[] curvatures = new double[vessels];
        double[] widths = new double[vessels];
        double[] phases = new double[vessels];
        for (int i = 0; i < vessels; i++) {
            angles[i] = 2 * Math.PI * (i + random.nextDouble(-0.3, 0.3)) / vessels;
            curvatures[i] = random.nextDouble(-2.5, 2.5);
            widths[i] = random.nextDouble(0.0035, 0.0075);
            phases[i] = random.nextDouble(0, 2 * Math.PI);
        }
        return new FundusGeometry(discX, discY, discRadius, aspect, rotation,
                ContourWobble.draw(random, 0.06), discRim,
                cupRatio, cupOffsetX, cupOffsetY, ContourWobble.draw(random, 0.06), cupRim,
                maculaX, maculaY, angles, curvatures, widths, phases);
    }

    /** Signed distance to the disc contour, in disc radii (negative inside). */
    double discDistance(double x, double y) {
        return contourDistance(x - discX, y - discY, discRadius, discWobble);
    }

    /** Signed distance to the cup contour, in cup radii (negative inside). */
    double cupDistance(double x, double y) {
        double cx = discX + cupOffsetX * discRadius;
        double cy = discY + cupOffsetY * discRadius;
        return contourDistance(x - cx, y - cy, cupRatio * discRadius, cupWobble);
    }

    private double contourDistance(double dx, double dy, double radius, ContourWobble wobble) {
        double cos = Math.cos(-rotation);
        double sin = Math.sin(-rotation);
        double u = dx * cos - dy * sin;
        double v = (dx * sin + dy * cos) / aspect;
        double r = Math.sqrt(u * u + v * v) / radius;
        return r - wobble.at(Math.atan2(v, u));
    }
}
