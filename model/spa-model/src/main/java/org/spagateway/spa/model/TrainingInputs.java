package org.spagateway.spa.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;

/** The network-input builders the predictor uses, for batched training (same encoding, same noise streams). */
public final class TrainingInputs {

    private TrainingInputs() {
    }

    /** Points [B, P+1, 2] and one-hot labels [B, P+1, 3] (last point = SAM's padding point). */
    public static NDList prompts(NDManager manager, List<List<Click>> clicks, int size) {
        return SpaPredictor.prompts(manager, clicks, size);
    }

    /** eps [B, N, L] and u [B, N], image i from {@code roundSeeds[i]} exactly as in a session round. */
    public static NDList noise(NDManager manager, int images, int samples, int latent, long[] roundSeeds) {
        return SpaPredictor.noise(manager, images, samples, latent, roundSeeds);
    }

    /** eps = 0 and u = 0 (no z): the baselines' latent input. */
    public static NDList zeroNoise(NDManager manager, int images, int samples, int latent) {
        return SpaPredictor.zeroNoise(manager, images, samples, latent);
    }

    /**
     * The paper's initial interaction: a positive click uniformly in the area all raters mark; if there is none,
     * a negative click where all raters agree on background.
     */
    public static Click initialClick(org.spagateway.spa.model.data.MultiRaterSample sample,
                                     java.util.SplittableRandom random) {
        float[] mean = sample.raterMean();
        int agreedForeground = 0;
        for (float v : mean) {
            if (v >= 1f) {
                agreedForeground++;
            }
        }
        boolean positive = agreedForeground > 0;
        int target = random.nextInt(positive ? agreedForeground : countBackground(mean));
        int size = sample.size();
        for (int i = 0; i < mean.length; i++) {
            boolean eligible = positive ? mean[i] >= 1f : mean[i] <= 0f;
            if (eligible && target-- == 0) {
                return new Click(i % size, i / size, positive);
            }
        }
        throw new IllegalStateException("no pixel where all raters agree");
    }

    private static int countBackground(float[] mean) {
        int n = 0;
        for (float v : mean) {
            if (v <= 0f) {
                n++;
            }
        }
        return n;
    }
}
