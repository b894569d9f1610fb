package org.spagateway.spa.model.training;

import ai.djl.ndarray.NDArray;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.spagateway.spa.model.BinaryMask;
import org.spagateway.spa.model.CandidateAnalysis;
import org.spagateway.spa.model.EmEstimate;
import org.spagateway.spa.model.SpaConfig;

/**
 * The pi-MLP's training target when pi is estimated from latents (MODEL.md deviation 20). The paper code's target is
 * the EM estimate on the preference mask itself; no latent produced the preference, so the target is the mean
 * responsibility over the latents of the samples whose maps (pooled to the cluster grid) are nearest the preference:
 * N / K of them by default (the candidate the simulated user would pick if the samples could be regrouped at will),
 * or fewer for a sharper target.
 */
final class LatentTargets {

    private LatentTargets() {
    }

    /**
     * @param probabilities [N, S, S] the round's sample maps of one image
     * @param z             [N, L] their latents
     * @param nearest       how many of the nearest samples make the target; 0 = N / K
     */
    static float[] estimate(NDArray probabilities, NDArray z, NDArray pi, NDArray mu, NDArray sigma2,
                            BinaryMask preference, SpaConfig config, int nearest) {
        int n = (int) probabilities.getShape().get(0);
        float[] pooled = CandidateAnalysis.pooled(probabilities, config).toFloatArray();
        float[] target = CandidateAnalysis.pool(preference.toFloats(), preference.width(), config.clusterGrid());
        double[] distance = new double[n];
        for (int i = 0; i < n; i++) {
            double d = 0;
            for (int p = 0; p < target.length; p++) {
                double diff = pooled[i * target.length + p] - target[p];
                d += diff * diff;
            }
            distance[i] = d;
        }
        int count = nearest > 0 ? Math.min(nearest, n) : Math.max(1, n / config.clusters());
        int[] chosen = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> distance[i]))
                .limit(count).mapToInt(Integer::intValue).toArray();
        float[] responsibilities = EmEstimate.latentResponsibilities(z, pi, mu, sigma2).toFloatArray();
        int m = (int) pi.getShape().get(0);
        float[] mean = new float[m];
        for (int i : chosen) {
            for (int c = 0; c < m; c++) {
                mean[c] += responsibilities[i * m + c] / chosen.length;
            }
        }
        return mean;
    }
}
