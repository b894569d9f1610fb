package org.spagateway.phantoms;

import java.util.SplittableRandom;

/**
 * A solid, lobulated, spiculated nodule in millimetres (centre at z = 0). Lobulation bumps the radius towards a
 * few random directions; spicules are thin cones leaving the surface. Spicules are where readers disagree most
 * (LIDC-IDRI readers often stop at the core), so their inclusion is capped well below 1.
 */
record NoduleGeometry(double centreX, double centreY, double radius, double noduleHu,
                      double[][] lobeDirections, double[] lobeAmplitudes,
                      double[][] spiculeDirections, double[] spiculeLengths, double[] spiculeBaseWidths) {

    static NoduleGeometry draw(SplittableRandom random, ChestAnatomy chest) {
        double side = random.nextBoolean() ? 1 : -1;
        double angle = random.nextDouble(0, 2 * Math.PI);
        double reach = random.nextDouble(0, 0.45);
        double centreX = side * chest.lungCentreX() + reach * chest.lungA() * Math.cos(angle);
        double centreY = chest.lungCentreY() + reach * chest.lungB() * Math.sin(angle);
        double radius = random.nextDouble(4, 12);
        int lobes = 3;
        double[][] lobeDirections = new double[lobes][];
        double[] lobeAmplitudes = new double[lobes];
        for (int i = 0; i < lobes; i++) {
            lobeDirections[i] = unitVector(random);
            lobeAmplitudes[i] = random.nextDouble(0, 0.25);
        }
        int spicules = random.nextInt(2, 11);
        double[][] spiculeDirections = new double[spicules][];
        double[] lengths = new double[spicules];
        double[] widths = new double[spicules];
        for (int i = 0; i < spicules; i++) {
            spiculeDirections[i] = unitVector(random);
            lengths[i] = radius * random.nextDouble(0.6, 1.6);
            widths[i] = random.nextDouble(1.0, 2.2);
        }
        return new NoduleGeometry(centreX, centreY, radius, random.nextDouble(10, 60),
                lobeDirections, lobeAmplitudes, spiculeDirections, lengths, widths);
    }

    /** Radius of the bounding sphere, spicules included: nothing of the nodule lies farther from the centre. */
    double extent() {
        double longest = 0;
        for (double length : spiculeLengths) {
            longest = Math.max(longest, length);
        }
        return radius * 1.3 + longest + 3;
    }

    /** Signed distance (mm, negative inside) to the lobulated core surface. */
    double coreDistance(double dx, double dy, double dz) {
        double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (r == 0) {
            return -radius;
        }
        double surface = radius;
        for (int i = 0; i < lobeAmplitudes.length; i++) {
            double[] v = lobeDirections[i];
            double cos = Math.max(0, (dx * v[0] + dy * v[1] + dz * v[2]) / r);
            surface += radius * lobeAmplitudes[i] * cos * cos * cos * cos;
        }
        return r - surface;
    }

    /** Largest spicule membership at the point: a cone from the centre out to radius + length, soft-edged. */
    double spiculeMembership(double dx, double dy, double dz, double edgeHalfWidth) {
        double membership = 0;
        for (int i = 0; i < spiculeLengths.length; i++) {
            double[] u = spiculeDirections[i];
            double t = dx * u[0] + dy * u[1] + dz * u[2];
            double tip = radius + spiculeLengths[i];
            if (t <= 0 || t >= tip) {
                continue;
            }
            double px = dx - t * u[0];
            double py = dy - t * u[1];
            double pz = dz - t * u[2];
            double halfWidth = spiculeBaseWidths[i] * (1.0 - t / tip);
            double distance = Math.sqrt(px * px + py * py + pz * pz) - halfWidth;
            membership = Math.max(membership, SoftBoundary.inclusion(distance, edgeHalfWidth));
        }
        return membership;
    }

    private static double[] unitVector(SplittableRandom random) {
        double z = random.nextDouble(-1, 1);
        double phi = random.nextDouble(0, 2 * Math.PI);
        double s = Math.sqrt(1 - z * z);
        return new double[] {s * Math.cos(phi), s * Math.sin(phi), z};
    }
}
