package org.spagateway.phantoms;

import java.util.SplittableRandom;

/**
 * Axial chest background in millimetres, patient-centred (x to the patient's left, y posterior): air, a body
 * ellipse of soft tissue under a subcutaneous fat layer, two lungs, a vertebral body. Values are nominal
 * Hounsfield units for adults (air -1000, fat -100, muscle +40, aerated lung about -850, cancellous bone +300).
 */
record ChestAnatomy(double bodyA, double bodyB, double fatThickness,
                    double lungCentreX, double lungCentreY, double lungA, double lungB, double spineRadius) {

    static final double AIR_HU = -1000;
    static final double FAT_HU = -100;
    static final double SOFT_TISSUE_HU = 40;
    static final double LUNG_HU = -850;
    static final double BONE_HU = 300;
    private static final double EDGE_MM = 1.0;

    static ChestAnatomy draw(SplittableRandom random) {
        return new ChestAnatomy(random.nextDouble(150, 170), random.nextDouble(105, 120), random.nextDouble(8, 16),
                random.nextDouble(68, 76), random.nextDouble(-8, 0), random.nextDouble(46, 54),
                random.nextDouble(70, 80), random.nextDouble(15, 20));
    }

    /** Nominal tissue value at (x, y) mm, with a one-millimetre partial-volume transition between tissues. */
    double hounsfieldAt(double x, double y) {
        double body = ellipseInclusion(x, y, 0, 0, bodyA, bodyB);
        double muscle = ellipseInclusion(x, y, 0, 0, bodyA - fatThickness, bodyB - fatThickness);
        double lung = lungFraction(x, y);
        double spine = SoftBoundary.inclusion(Math.hypot(x, y - (bodyB - 2.2 * spineRadius)) - spineRadius, EDGE_MM);
        double value = AIR_HU + (FAT_HU - AIR_HU) * body;
        value += (SOFT_TISSUE_HU - FAT_HU) * muscle;
        value += (LUNG_HU - SOFT_TISSUE_HU) * lung;
        return value + (BONE_HU - SOFT_TISSUE_HU) * spine;
    }

    /** Fraction of the pixel that is aerated lung (either side). */
    double lungFraction(double x, double y) {
        return Math.max(ellipseInclusion(x, y, -lungCentreX, lungCentreY, lungA, lungB),
                ellipseInclusion(x, y, lungCentreX, lungCentreY, lungA, lungB));
    }

    private static double ellipseInclusion(double x, double y, double cx, double cy, double a, double b) {
        double dx = (x - cx) / a;
        double dy = (y - cy) / b;
        // Approximate signed distance in mm: radial excess scaled by the smaller semi-axis.
        double signed = (Math.sqrt(dx * dx + dy * dy) - 1.0) * Math.min(a, b);
        return SoftBoundary.inclusion(signed, EDGE_MM);
    }
}
