package org.spagateway.phantoms;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic colour fundus photograph (RGB reflectance in [0,1]): orange-red background with vignetting inside a
 * circular field stop, a darker macula, vessels radiating from the optic disc, a bright disc and a paler cup.
 * Structures: {@value #OPTIC_DISC} and {@value #OPTIC_CUP}; both have soft rims, the cup's wider.
 */
public final class FundusPhantom implements Phantom {

    public static final String OPTIC_DISC = "optic-disc";
    public static final String OPTIC_CUP = "optic-cup";
    private static final double FIELD_STOP_RADIUS = 0.47;
    private static final float NOISE_SIGMA = 0.008f;

    private final long seed;
    private final FundusGeometry geometry;
    private final FundusShading shading;

    private FundusPhantom(long seed) {
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        this.geometry = FundusGeometry.draw(random);
        this.shading = new FundusShading(geometry);
    }

    public static FundusPhantom fromSeed(long seed) {
        return new FundusPhantom(seed);
    }

    @Override
    public String kind() {
        return "fundus";
    }

    @Override
    public List<String> structureNames() {
        return List.of(OPTIC_DISC, OPTIC_CUP);
    }

    @Override
    public PhantomSample render(int size) {
        return renderWindow(size, 0.0, 0.0, 1.0);
    }

    /**
     * Renders a square crop centred on the disc, {@code discDiameters} disc diameters wide: the usual input of
     * disc/cup segmentation models (REFUGE-style crops), where the disc spans many pixels even at 128x128.
     */
    public PhantomSample renderDiscCrop(int size, double discDiameters) {
        double extent = discDiameters * 2 * geometry.discRadius();
        return renderWindow(size, geometry.discX() - extent / 2, geometry.discY() - extent / 2, extent);
    }

    private PhantomSample renderWindow(int size, double originX, double originY, double extent) {
        if (size < 8) {
            throw new IllegalArgumentException("size must be at least 8, was " + size);
        }
        float[] rgb = new float[size * size * 3];
        float[] disc = new float[size * size];
        float[] cup = new float[size * size];
        SplittableRandom noise = new SplittableRandom(seed ^ 0x5DEECE66DL ^ ((long) size << 32));
        double step = extent / size;
        for (int row = 0; row < size; row++) {
            double y = originY + (row + 0.5) * step;
            for (int col = 0; col < size; col++) {
                double x = originX + (col + 0.5) * step;
                int i = row * size + col;
                disc[i] = SoftBoundary.inclusion(geometry.discDistance(x, y), geometry.discRim());
                // The cup is part of the disc by definition: never more certain than the disc around it.
                cup[i] = Math.min(disc[i], SoftBoundary.inclusion(geometry.cupDistance(x, y), geometry.cupRim()));
                double stop = SoftBoundary.inclusion(Math.hypot(x - 0.5, y - 0.5) - FIELD_STOP_RADIUS, 0.006);
                shading.shade(x, y, disc[i], cup[i], stop, rgb, i * 3);
                for (int c = 0; c < 3; c++) {
                    float v = rgb[i * 3 + c] + (float) (noise.nextDouble(-1, 1) * NOISE_SIGMA * stop);
                    rgb[i * 3 + c] = SoftBoundary.clamp01(v);
                }
            }
        }
        return new PhantomSample(new PhantomImage(size, size, 3, rgb),
                List.of(new SoftMask(OPTIC_DISC, size, size, disc), new SoftMask(OPTIC_CUP, size, size, cup)));
    }
}
