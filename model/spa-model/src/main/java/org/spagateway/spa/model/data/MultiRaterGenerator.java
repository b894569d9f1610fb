package org.spagateway.spa.model.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.spagateway.spa.model.BinaryMask;
import org.spagateway.phantoms.PhantomImage;
import org.spagateway.phantoms.PhantomSample;
import org.spagateway.phantoms.SoftMask;

/**
 * Generates synthetic multi-rater samples: the task's phantom is rendered at {@code size * supersampling} pixels,
 * resized to the model's input size (block average), and each rater of the panel draws a mask from the resized
 * soft inclusion map. Deterministic: the same seed gives the same sample.
 */
public final class MultiRaterGenerator {

    /** Disjoint seed streams for the three splits. */
    public enum Split { TRAIN, VALIDATION, TEST }

    private final RaterPanel panel;
    private final Task task;
    private final int size;
    private final int supersampling;

    public MultiRaterGenerator(RaterPanel panel, int size, int supersampling) {
        this.panel = Objects.requireNonNull(panel, "panel");
        this.task = panel.taskKind();
        if (size < 16 || supersampling < 1) {
            throw new IllegalArgumentException("size must be >= 16 and supersampling >= 1");
        }
        this.size = size;
        this.supersampling = supersampling;
    }

    /** 128 x 128 model input, rendered at 256 x 256. */
    public static MultiRaterGenerator standard(RaterPanel panel) {
        return new MultiRaterGenerator(panel, 128, 2);
    }

    public RaterPanel panel() {
        return panel;
    }

    public int size() {
        return size;
    }

    /** The phantom seed of sample {@code index} of a split (independent of panel and size). */
    public static long seedOf(long baseSeed, Split split, int index) {
        return Seeds.mix(baseSeed, split.ordinal(), index);
    }

    public MultiRaterSample sample(long seed) {
        int source = size * supersampling;
        PhantomSample rendered = task.render(seed, source);
        PhantomImage image = rendered.image();
        int channels = image.channels();
        float[] chw = new float[channels * size * size];
        float[] plane = new float[source * source];
        float[] pixels = image.pixels();
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] = task.normalise(pixels[i * channels + c]);
            }
            float[] resized = ImageOps.resize(plane, source, source, size, size);
            System.arraycopy(resized, 0, chw, c * size * size, size * size);
        }
        SoftMask soft = task.structure(rendered);
        float[] inclusion = ImageOps.resize(soft.inclusion(), source, source, size, size);
        List<BinaryMask> masks = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (RaterStyle style : panel.raters()) {
            ids.add(style.id());
            masks.add(RaterSimulator.draw(inclusion, size, size, style, seed));
        }
        return new MultiRaterSample(seed, task, size, chw, inclusion, ids, masks);
    }

    /** Samples {@code 0..count-1} of a split, generated in parallel (the order and content are deterministic). */
    public List<MultiRaterSample> split(Split split, int count, long baseSeed) {
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> sample(seedOf(baseSeed, split, i)))
                .toList();
    }
}
