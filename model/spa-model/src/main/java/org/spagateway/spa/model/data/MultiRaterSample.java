package org.spagateway.spa.model.data;

import java.util.ArrayList;
import java.util.List;
import org.spagateway.spa.model.BinaryMask;

/**
 * One synthetic image with every simulated rater's mask, on the model's input grid.
 *
 * @param seed       phantom seed (the image is reproducible from it)
 * @param task       the task
 * @param size       width = height in pixels
 * @param image      normalised pixels, channel-planar (CHW): {@code image[c * size * size + y * size + x]}
 * @param inclusion  the structure's soft inclusion map the raters drew from (row-major)
 * @param raterIds   ids of the raters, in panel order
 * @param raterMasks one mask per rater, in the same order
 */
public record MultiRaterSample(long seed, Task task, int size, float[] image, float[] inclusion,
                               List<String> raterIds, List<BinaryMask> raterMasks) {

    public MultiRaterSample {
        raterIds = List.copyOf(raterIds);
        raterMasks = List.copyOf(raterMasks);
        if (image.length != task.channels() * size * size || inclusion.length != size * size
                || raterIds.size() != raterMasks.size()) {
            throw new IllegalArgumentException("inconsistent sample shapes");
        }
    }

    public int raterCount() {
        return raterMasks.size();
    }

    /** Fraction of raters marking each pixel (row-major). */
    public float[] raterMean() {
        float[] mean = new float[size * size];
        for (BinaryMask mask : raterMasks) {
            boolean[] px = mask.pixels();
            for (int i = 0; i < mean.length; i++) {
                if (px[i]) {
                    mean[i] += 1f;
                }
            }
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= raterMasks.size();
        }
        return mean;
    }

    /** Pixels every rater marks as foreground (where the initial click goes). */
    public BinaryMask agreedForeground() {
        return BinaryMask.threshold(size, size, raterMean(), 1f);
    }

    /** Pixels some but not all raters mark. */
    public BinaryMask disagreement() {
        float[] mean = raterMean();
        boolean[] out = new boolean[mean.length];
        for (int i = 0; i < mean.length; i++) {
            out[i] = mean[i] > 0f && mean[i] < 1f;
        }
        return new BinaryMask(size, size, out);
    }

    /** The preference of a rater subset: the subset's mean mask thresholded at {@code level} (inclusive). */
    public BinaryMask fuse(List<Integer> raters, float level) {
        if (raters.isEmpty()) {
            throw new IllegalArgumentException("empty rater subset");
        }
        float[] mean = new float[size * size];
        for (int r : raters) {
            boolean[] px = raterMasks.get(r).pixels();
            for (int i = 0; i < mean.length; i++) {
                if (px[i]) {
                    mean[i] += 1f / raters.size();
                }
            }
        }
        // Guard float accumulation: 2 of 4 raters must reach exactly 0.5.
        for (int i = 0; i < mean.length; i++) {
            mean[i] += 1e-6f;
        }
        return BinaryMask.threshold(size, size, mean, level);
    }

    /** Indices 0..raterCount-1. */
    public List<Integer> allRaters() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < raterMasks.size(); i++) {
            all.add(i);
        }
        return all;
    }
}
