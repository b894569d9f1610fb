package org.spagateway.spa.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.spagateway.spa.model.data.Seeds;

/**
 * Turns one image's N sample probability maps into what a round shows and what each possible choice feeds back:
 * <ul>
 *   <li>recommended mask = mean probability over the N samples &gt;= 0.5 (or their weighted mean:
 *       {@link InferenceRecipe#recommendationSharpness()});</li>
 *   <li>K-means (K clusters, k-means++ from the round seed) on the maps average-pooled to the cluster grid;
 *       candidate k = the mean probability map of cluster k, binarised at 0.5; candidates are ordered by how
 *       many samples they represent (ties: lowest sample index first);</li>
 *   <li>for each candidate, the point that choosing it feeds back: one of the top-T pixels of
 *       |mean(cluster k) - mean(all other samples)|, drawn uniformly from a seed; if the cluster holds all N
 *       samples, the top-T pixels closest to probability 0.5 of its mean map;</li>
 *   <li>for each candidate, the EM estimate of pi (with the round's pi, mu, sigma^2): on its mean map, or, with
 *       {@link SpaConfig#latentPiEstimate()}, the mean responsibility over the latents of its samples.</li>
 * </ul>
 * Everything returned is plain Java; the arrays made here belong to the caller's (per-round) manager.
 */
public final class CandidateAnalysis {

    /** One candidate as analysed. {@code probability} is the cluster's mean probability map (row-major). */
    public record Candidate(BinaryMask mask, int sampleCount, int[] members, int feedbackX, int feedbackY,
                            boolean labelAtFeedback, float[] piEstimate, float[] probability) {
    }

    /**
     * @param recommended   mean probability &gt;= 0.5
     * @param meanProbability mean of the N sample maps (row-major)
     * @param candidates    K candidates, largest first
     * @param pairwiseDice  Dice between the binarised candidates
     * @param centroids     K-means centroids in the pooled feature space, [K][grid * grid], candidate order
     * @param grid          side of the pooled feature grid
     * @param roundEstimate the EM estimate of pi for the round as a whole ({@link EmEstimate#ofRound}): what
     *                      approving the recommended mask feeds back
     */
    public record Analysis(BinaryMask recommended, float[] meanProbability, List<Candidate> candidates,
                           double[][] pairwiseDice, float[][] centroids, int grid, float[] roundEstimate) {

        /** The candidate whose centroid is nearest (Euclidean) to the pooled target: the paper's simulated user. */
        public int nearestTo(BinaryMask target) {
            float[] pooled = pool(target.toFloats(), target.width(), grid);
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int k = 0; k < centroids.length; k++) {
                double d = 0;
                for (int i = 0; i < pooled.length; i++) {
                    double diff = pooled[i] - centroids[k][i];
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            return best;
        }

        /** The candidate with the highest Dice against the target (the alternative simulated user). */
        public int bestDiceTo(BinaryMask target) {
            int best = 0;
            double bestDice = -1;
            for (int k = 0; k < candidates.size(); k++) {
                double d = candidates.get(k).mask().dice(target);
                if (d > bestDice) {
                    bestDice = d;
                    best = k;
                }
            }
            return best;
        }
    }

    private CandidateAnalysis() {
    }

    /**
     * @param probabilities [N, S, S] sample probability maps of one image
     * @param z             [N, L] the latents of those samples (used with {@link SpaConfig#latentPiEstimate()})
     * @param pi            [M]
     * @param mu            [M]
     * @param sigma2        [M]
     * @throws ModelOutputInvalidException if any of them holds NaN or an infinity
     */
    public static Analysis analyse(NDArray probabilities, NDArray z, NDArray pi, NDArray mu, NDArray sigma2,
                                   SpaConfig config, long seed) {
        return analyse(probabilities, z, pi, mu, sigma2, config, InferenceRecipe.PAPER, seed, new RoundClock());
    }

    /**
     * {@link #analyse} with the recommended mask weighted as {@code recipe} says, timing K-means (with the pooling it
     * clusters) and the rest of the analysis on {@code clock}.
     */
    static Analysis analyse(NDArray probabilities, NDArray z, NDArray pi, NDArray mu, NDArray sigma2,
                            SpaConfig config, InferenceRecipe recipe, long seed, RoundClock clock) {
        ModelOutputInvalidException.requireFinite(probabilities, "sample probability maps");
        ModelOutputInvalidException.requireFinite(z, "latents z");
        ModelOutputInvalidException.requireFinite(pi, "mixture weights pi");
        ModelOutputInvalidException.requireFinite(mu, "component means mu");
        ModelOutputInvalidException.requireFinite(sigma2, "component variances sigma^2");
        NDManager manager = probabilities.getManager();
        int n = (int) probabilities.getShape().get(0);
        int s = config.imageSize();
        int k = config.clusters();
        int grid = config.clusterGrid();
        NDArray flat = probabilities.reshape(n, (long) s * s);
        NDArray mean = flat.mean(new int[] {0});
        float[] meanProbability = mean.toFloatArray();
        NDArray responsibilities = config.latentPiEstimate() || recipe.weighsRecommendation()
                ? EmEstimate.latentResponsibilities(z, pi, mu, sigma2) : null;
        BinaryMask recommended = BinaryMask.threshold(s, s, recipe.weighsRecommendation()
                ? recipe.recommendationWeights(responsibilities, pi).expandDims(0).matMul(flat).toFloatArray()
                : meanProbability, 0.5f);

        clock.lap(RoundClock.Stage.ANALYSIS);
        NDArray pooled = pooled(probabilities, config);
        KMeans.Result clusters = KMeans.fit(pooled, k, Seeds.mix(seed, 1));
        clock.lap(RoundClock.Stage.KMEANS);
        Integer[] order = new Integer[k];
        int[] firstMember = new int[k];
        Arrays.fill(firstMember, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            int c = clusters.assignments()[i];
            firstMember[c] = Math.min(firstMember[c], i);
        }
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> clusters.sizes()[a] != clusters.sizes()[b]
                ? Integer.compare(clusters.sizes()[b], clusters.sizes()[a])
                : Integer.compare(firstMember[a], firstMember[b]));
        int[] rank = new int[k];
        for (int r = 0; r < k; r++) {
            rank[order[r]] = r;
        }
        int[] ranked = new int[n];
        for (int i = 0; i < n; i++) {
            ranked[i] = rank[clusters.assignments()[i]];
        }

        int[] sizes = new int[k];
        for (int i = 0; i < n; i++) {
            sizes[ranked[i]]++;
        }
        float[] counts = new float[k];
        float[] otherCounts = new float[k];
        boolean oneClusterHoldsAll = false;
        for (int c = 0; c < k; c++) {
            counts[c] = Math.max(sizes[c], 1);
            otherCounts[c] = Math.max(n - sizes[c], 1);
            oneClusterHoldsAll |= sizes[c] == n;
        }
        NDArray oneHot = Tensors.create(manager, Arrays.stream(ranked).asLongStream().toArray())
                .oneHot(k, DataType.FLOAT32);
        NDArray divisors = Tensors.create(manager, counts, new Shape(k, 1));
        NDArray clusterSums = oneHot.transpose().matMul(flat);
        NDArray clusterMeans = clusterSums.div(divisors);
        NDArray others = mean.mul((float) n).expandDims(0).sub(clusterSums)
                .div(Tensors.create(manager, otherCounts, new Shape(k, 1)));
        NDArray difference = clusterMeans.sub(others).abs();
        NDArray uncertainty = oneClusterHoldsAll ? clusterMeans.sub(0.5f).abs().neg() : null;
        NDArray piHats = config.latentPiEstimate()
                ? oneHot.transpose().matMul(responsibilities).div(divisors)
                : EmEstimate.piHat(clusterMeans, pi, mu, sigma2);
        float[] piHatValues = piHats.toFloatArray();
        float[] roundEstimate = EmEstimate.ofRound(mean, config.latentPiEstimate() ? responsibilities : null, pi, mu,
                sigma2).toFloatArray();
        int m = (int) pi.getShape().get(0);
        int topK = config.feedbackTopK();

        // The K-means centroids in candidate order: the members' mean pooled maps.
        NDArray centroidRows = oneHot.transpose().matMul(pooled).div(divisors);
        // Each candidate's score map (a cluster holding all N samples, which K-means only leaves when K = 1, scores
        // the pixels nearest 0.5 instead), and its top pixels, for all candidates in one call.
        NDArray scores = difference;
        if (oneClusterHoldsAll) {
            NDList rows = new NDList(k);
            for (int c = 0; c < k; c++) {
                rows.add(sizes[c] == n ? uncertainty.get(c) : difference.get(c));
            }
            scores = NDArrays.stack(rows);
        }
        long[] topPixels = scores.topK(topK, 1, true, true).get(1).toLongArray();
        float[][] centroids = new float[k][];
        List<Candidate> candidates = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            // Row by row: each candidate's arrays are read once, straight into the arrays it keeps.
            centroids[c] = centroidRows.get(c).toFloatArray();
            float[] probability = clusterMeans.get(c).toFloatArray();
            int size = 0;
            int[] members = new int[n];
            for (int i = 0; i < n; i++) {
                if (ranked[i] == c) {
                    members[size++] = i;
                }
            }
            int pixel = (int) topPixels[c * topK + new SplittableRandom(Seeds.mix(seed, 2, c)).nextInt(topK)];
            candidates.add(new Candidate(BinaryMask.threshold(s, s, probability, 0.5f), size,
                    Arrays.copyOf(members, size), pixel % s, pixel / s, probability[pixel] >= 0.5f,
                    Arrays.copyOfRange(piHatValues, c * m, (c + 1) * m), probability));
        }
        double[][] dice = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                dice[a][b] = candidates.get(a).mask().dice(candidates.get(b).mask());
            }
        }
        Analysis analysis = new Analysis(recommended, meanProbability, candidates, dice, centroids, grid,
                roundEstimate);
        clock.lap(RoundClock.Stage.ANALYSIS);
        return analysis;
    }

    /** The [N, S, S] sample maps average-pooled to the cluster grid: [N, grid * grid], what K-means clusters. */
    public static NDArray pooled(NDArray probabilities, SpaConfig config) {
        long n = probabilities.getShape().get(0);
        int grid = config.clusterGrid();
        int f = config.imageSize() / grid;
        if (f == 2) {
            // The column pairs' means as a matrix product with a matrix of halves (0.5 a + 0.5 b rounds exactly as
            // (a + b) / 2 for normal values), then the row pairs' mean over a dimension of whole rows: the same
            // values as the general form below, without reductions over pairs of adjacent values.
            int size = config.imageSize();
            float[] halves = new float[size * grid];
            for (int i = 0; i < grid; i++) {
                halves[(2 * i) * grid + i] = 0.5f;
                halves[(2 * i + 1) * grid + i] = 0.5f;
            }
            NDArray columns = Tensors.create(probabilities.getManager(), halves, new Shape(size, grid));
            return probabilities.reshape(n * size, size).matMul(columns).reshape(n, grid, 2, grid)
                    .mean(new int[] {2}).reshape(n, (long) grid * grid);
        }
        return probabilities.reshape(n, grid, f, grid, f).mean(new int[] {4}).mean(new int[] {2})
                .reshape(n, (long) grid * grid);
    }

    /** Average-pools a row-major size x size map to grid x grid. */
    public static float[] pool(float[] map, int size, int grid) {
        int f = size / grid;
        float[] out = new float[grid * grid];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                out[(y / f) * grid + x / f] += map[y * size + x];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= f * f;
        }
        return out;
    }
}
