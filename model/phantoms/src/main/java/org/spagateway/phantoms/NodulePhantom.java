package org.spagateway.phantoms;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic axial chest CT in Hounsfield units with one solid, spiculated lung nodule. The nodule is a 3-D
 * object, so slices at different z (mm from the nodule centre) are different, coherent cross-sections of it:
 * a series of N slices is consistent. Structure: {@value #NODULE}.
 */
public final class NodulePhantom implements Phantom {

    public static final String NODULE = "nodule";
    /** Reconstruction field of view of {@link #render(int)} and {@link #renderSlice(int, double)}. */
    public static final double FIELD_OF_VIEW_MM = 350.0;
    private static final double NOISE_SIGMA_HU = 12.0;
    /** Inclusion of a fully present spicule: only raters with a liberal threshold draw spicules. */
    private static final double SPICULE_INCLUSION = 0.45;

    private final long seed;
    private final ChestAnatomy chest;
    private final NoduleGeometry nodule;

    private NodulePhantom(long seed) {
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        this.chest = ChestAnatomy.draw(random);
        this.nodule = NoduleGeometry.draw(random, chest);
    }

    public static NodulePhantom fromSeed(long seed) {
        return new NodulePhantom(seed);
    }

    @Override
    public String kind() {
        return "lung-nodule";
    }

    @Override
    public List<String> structureNames() {
        return List.of(NODULE);
    }

    /** The slice through the nodule centre over the full field of view. */
    @Override
    public PhantomSample render(int size) {
        return renderSlice(size, 0.0);
    }

    /** Full field-of-view slice at {@code zMillimetres} from the nodule centre (patient-centred in x and y). */
    public PhantomSample renderSlice(int size, double zMillimetres) {
        return render(size, FIELD_OF_VIEW_MM, 0.0, 0.0, zMillimetres);
    }

    /** Square crop of {@code fieldOfViewMm} centred on the nodule (LIDC-style lesion crop for the model). */
    public PhantomSample renderLesionCrop(int size, double fieldOfViewMm, double zMillimetres) {
        return render(size, fieldOfViewMm, nodule.centreX(), nodule.centreY(), zMillimetres);
    }

    /** Nodule core radius in mm, before lobulation: lets callers choose slice spacing that cuts through it. */
    public double noduleRadiusMm() {
        return nodule.radius();
    }

    private PhantomSample render(int size, double fieldOfViewMm, double centreX, double centreY, double z) {
        if (size < 8) {
            throw new IllegalArgumentException("size must be at least 8, was " + size);
        }
        double step = fieldOfViewMm / size;
        // Partial volume blurs the visible edge over about a pixel; the rater rim is a property of the lesion.
        double imageEdge = 0.5 * step + 0.3;
        double raterRim = 0.15 * nodule.radius() + 0.5;
        double extent = nodule.extent();
        float[] hu = new float[size * size];
        float[] inclusion = new float[size * size];
        SplittableRandom noise = new SplittableRandom(seed ^ Double.doubleToLongBits(z) ^ ((long) size << 40));
        for (int row = 0; row < size; row++) {
            double y = centreY - fieldOfViewMm / 2 + (row + 0.5) * step;
            for (int col = 0; col < size; col++) {
                double x = centreX - fieldOfViewMm / 2 + (col + 0.5) * step;
                int i = row * size + col;
                double value = chest.hounsfieldAt(x, y);
                double dx = x - nodule.centreX();
                double dy = y - nodule.centreY();
                if (dx * dx + dy * dy + z * z < extent * extent) {
                    double core = nodule.coreDistance(dx, dy, z);
                    double density = Math.max(SoftBoundary.inclusion(core, imageEdge),
                            0.8 * nodule.spiculeMembership(dx, dy, z, imageEdge));
                    double lung = chest.lungFraction(x, y);
                    value += (nodule.noduleHu() - value) * density * lung;
                    inclusion[i] = (float) Math.max(SoftBoundary.inclusion(core, raterRim),
                            SPICULE_INCLUSION * nodule.spiculeMembership(dx, dy, z, raterRim));
                }
                hu[i] = (float) (value + gaussian(noise) * NOISE_SIGMA_HU);
            }
        }
        return new PhantomSample(new PhantomImage(size, size, 1, hu),
                List.of(new SoftMask(NODULE, size, size, inclusion)));
    }

    /** Approximately standard normal noise (Irwin-Hall, four uniforms rescaled to unit variance): cheap. */
    private static double gaussian(SplittableRandom random) {
        double sum = random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble();
        return (sum - 2.0) * Math.sqrt(3.0);
    }
}
