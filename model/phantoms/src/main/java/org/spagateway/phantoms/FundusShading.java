package org.spagateway.phantoms;

/**
 * Colour model of the fundus photograph. The disc and cup brightness follow their soft inclusion maps, so the
 * ambiguous rim in the masks is also a visibly gradual edge in the image, as in real photographs.
 */
final class FundusShading {

    private static final double[] BACKGROUND = {0.80, 0.38, 0.17};
    private static final double[] DISC_GAIN = {0.14, 0.30, 0.22};
    private static final double[] CUP_GAIN = {0.06, 0.20, 0.28};
    private static final double[] VESSEL_ABSORPTION = {0.35, 0.62, 0.50};

    private final FundusGeometry geometry;

    FundusShading(FundusGeometry geometry) {
        this.geometry = geometry;
    }

    void shade(double x, double y, float disc, float cup, double fieldStop, float[] rgb, int offset) {
        double r = Math.hypot(x - 0.5, y - 0.5) / 0.5;
        double vignetting = 1.0 - 0.5 * r * r;
        double texture = 1.0 + 0.03 * Math.sin(23 * x + 4 * y) * Math.cos(17 * y - 3 * x);
        double macula = 1.0 - 0.28 * gaussian(x - geometry.maculaX(), y - geometry.maculaY(), 0.055);
        // Vessels dive into the cup at its floor: fade them there so the pale cup stays visible.
        double vessel = vesselDensity(x, y) * (1.0 - 0.85 * cup);
        for (int c = 0; c < 3; c++) {
            double value = BACKGROUND[c] * vignetting * texture * macula
                    + DISC_GAIN[c] * disc + CUP_GAIN[c] * cup;
            value *= 1.0 - VESSEL_ABSORPTION[c] * vessel;
            rgb[offset + c] = (float) (value * fieldStop);
        }
    }

    /**
     * Vessels leave the disc centre and curve outwards; each is a Gaussian profile around a centreline whose angle
     * drifts with distance from the disc, tapering as it goes.
     */
    private double vesselDensity(double x, double y) {
        double dx = x - geometry.discX();
        double dy = y - geometry.discY();
        double rho = Math.hypot(dx, dy);
        if (rho < 0.15 * geometry.discRadius()) {
            return 0.0;
        }
        double phi = Math.atan2(dy, dx);
        double density = 0.0;
        double[] angles = geometry.vesselAngles();
        for (int k = 0; k < angles.length; k++) {
            double centre = angles[k] + geometry.vesselCurvatures()[k] * rho
                    + 0.04 * Math.sin(40 * rho + geometry.vesselPhases()[k]);
            double delta = Math.IEEEremainder(phi - centre, 2 * Math.PI);
            double distance = rho * Math.abs(delta);
            double width = geometry.vesselWidths()[k] * Math.max(0.25, 1.0 - rho / 0.7);
            density = Math.max(density, Math.exp(-0.5 * (distance / width) * (distance / width)));
        }
        return density;
    }

    private static double gaussian(double dx, double dy, double sigma) {
        return Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
    }
}
