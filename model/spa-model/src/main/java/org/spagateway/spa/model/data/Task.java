package org.spagateway.spa.model.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spagateway.phantoms.FundusPhantom;
import org.spagateway.phantoms.NodulePhantom;
import org.spagateway.phantoms.PhantomSample;
import org.spagateway.phantoms.SoftMask;

/**
 * A segmentation task on one structure of a shared phantom (module {@code phantoms}): how an image is rendered
 * from a seed, which soft inclusion map the raters draw from, and how pixels are normalised for the model.
 */
public enum Task {

    /** Optic cup on a disc-centred fundus crop 1.5 disc diameters wide: the ambiguous structure of REFUGE. */
    OPTIC_CUP("optic-cup", 3),
    /** Optic disc on the same crop (narrower rim than the cup). */
    OPTIC_DISC("optic-disc", 3),
    /** Solid spiculated lung nodule on a 64 mm CT lesion crop (LIDC-style), slice within +-30% of the radius. */
    NODULE("nodule", 1);

    /** Width of the fundus crop in disc diameters. */
    public static final double FUNDUS_CROP_DISC_DIAMETERS = 1.5;
    /** Field of view of the nodule crop in millimetres (0.5 mm pixels at 128x128). */
    public static final double NODULE_CROP_MM = 64.0;

    private final String id;
    private final int channels;

    Task(String id, int channels) {
        this.id = id;
        this.channels = channels;
    }

    public String id() {
        return id;
    }

    /** Image channels the model sees (RGB for fundus, one CT channel for the nodule). */
    public int channels() {
        return channels;
    }

    public static Task fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task " + id + "; known: "
                        + Arrays.stream(values()).map(Task::id).toList()));
    }

    /** The phantom rendering for this task at {@code size} x {@code size} pixels. Deterministic in the seed. */
    public PhantomSample render(long seed, int size) {
        return switch (this) {
            case OPTIC_CUP, OPTIC_DISC -> FundusPhantom.fromSeed(seed).renderDiscCrop(size, FUNDUS_CROP_DISC_DIAMETERS);
            case NODULE -> {
                NodulePhantom phantom = NodulePhantom.fromSeed(seed);
                double z = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL).nextDouble(-0.3, 0.3)
                        * phantom.noduleRadiusMm();
                yield phantom.renderLesionCrop(size, NODULE_CROP_MM, z);
            }
        };
    }

    /** The structure the raters segment. */
    public SoftMask structure(PhantomSample sample) {
        return sample.structure(switch (this) {
            case OPTIC_CUP -> FundusPhantom.OPTIC_CUP;
            case OPTIC_DISC -> FundusPhantom.OPTIC_DISC;
            case NODULE -> NodulePhantom.NODULE;
        });
    }

    /**
     * Maps a phantom pixel value to the model's input scale (about [-1, 1]): fundus reflectance (v - 0.5) / 0.25;
     * CT Hounsfield units clipped to [-1000, 400] then (HU + 400) / 500, so lung is about -0.9 and soft tissue +0.9.
     */
    public float normalise(float value) {
        return switch (this) {
            case OPTIC_CUP, OPTIC_DISC -> (value - 0.5f) / 0.25f;
            case NODULE -> (Math.max(-1000f, Math.min(400f, value)) + 400f) / 500f;
        };
    }
}
