package org.spagateway.spa.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.spagateway.spa.model.data.Seeds;

/**
 * Turns one image's N sample probability maps into what a round shows and what each possible choice feeds back:
 * <ul>
 *   <li>recommended mask = mean probability over the N samples &gt;= 0.5;</li>
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
     */
    public record Analysis(BinaryMask recommended, float[] meanProbability, List<Candidate> candidates,
                           double[][] pairwiseDice, float[][] centroids, int grid) {

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
        return analyse(probabilities, z, pi, mu, sigma2, config, seed, new RoundClock());
    }

    /**
     * {@link #analyse}, timing K-means (with the pooling it clusters) and the rest of the analysis on {@code clock}.
     * The maps cross into Java once; everything after that is plain array arithmetic (a few milliseconds, where the
     * same steps as engine operations cost tens: issue 18).
     */
    static Analysis analyse(NDArray probabilities, NDArray z, NDArray pi, NDArray mu, NDArray sigma2,
                            SpaConfig config, long seed, RoundClock clock) {
        int n = (int) probabilities.getShape().get(0);
        int s = config.imageSize();
        int pixels = s * s;
        int k = config.clusters();
        int grid = config.clusterGrid();
        float[] maps = probabilities.toFloatArray();
        ModelOutputInvalidException.requireFinite(maps, pixels * n, "sample probability maps");
        ModelOutputInvalidException.requireFinite(z, "latents z");
        ModelOutputInvalidException.requireFinite(pi, "mixture weights pi");
        ModelOutputInvalidException.requireFinite(mu, "component means mu");
        ModelOutputInvalidException.requireFinite(sigma2, "component variances sigma^2");
        float[] meanProbability = meanOfRows(maps, n, pixels);
        BinaryMask recommended = BinaryMask.threshold(s, s, meanProbability, 0.5f);

        clock.lap(RoundClock.Stage.ANALYSIS);
        float[] pooled = pooled(maps, n, s, grid);
        KMeans.Result clusters = KMeans.fit(pooled, n, k, Seeds.mix(seed, 1));
        clock.lap(RoundClock.Stage.KMEANS);
        int[] ranked = ranked(clusters, n, k);
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            counts[ranked[i]]++;
        }
        float[][] clusterMeans = new float[k][];
        float[][] others = new float[k][];
        clusterSumsAndRest(maps, n, pixels, ranked, counts, meanProbability, clusterMeans, others);
        int m = (int) pi.getShape().get(0);
        float[] piHatValues = piHats(clusterMeans, ranked, counts, z, pi, mu, sigma2, config);
        int topK = config.feedbackTopK();

        float[][] centroids = KMeans.centroids(pooled, n, ranked, k);
        List<Candidate> candidates = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            float[] probability = clusterMeans[c];
            int size = 0;
            int[] members = new int[n];
            for (int i = 0; i < n; i++) {
                if (ranked[i] == c) {
                    members[size++] = i;
                }
            }
            float[] score = new float[pixels];
            for (int p = 0; p < pixels; p++) {
                score[p] = size == n ? -Math.abs(probability[p] - 0.5f) : Math.abs(probability[p] - others[c][p]);
            }
            int[] top = topIndices(score, topK);
            int pixel = top[new SplittableRandom(Seeds.mix(seed, 2, c)).nextInt(top.length)];
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
        Analysis analysis = new Analysis(recommended, meanProbability, candidates, dice, centroids, grid);
        clock.lap(RoundClock.Stage.ANALYSIS);
        return analysis;
    }

    /** Clusters renumbered by size, largest first (ties: lowest first member first): the cluster of each sample. */
    private static int[] ranked(KMeans.Result clusters, int n, int k) {
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
        return ranked;
    }

    /** The mean of the n rows of {@code maps} [n, pixels], accumulated in double. */
    private static float[] meanOfRows(float[] maps, int n, int pixels) {
        double[] sum = new double[pixels];
        for (int i = 0; i < n; i++) {
            for (int p = 0, at = i * pixels; p < pixels; p++, at++) {
                sum[p] += maps[at];
            }
        }
        float[] mean = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            mean[p] = (float) (sum[p] / n);
        }
        return mean;
    }

    /**
     * Fills {@code clusterMeans[c]} with the mean map of cluster c's samples and {@code others[c]} with the mean of all
     * other samples (from the overall mean, so each sample map is read once).
     */
    private static void clusterSumsAndRest(float[] maps, int n, int pixels, int[] ranked, int[] counts,
                                           float[] mean, float[][] clusterMeans, float[][] others) {
        int k = counts.length;
        double[][] sums = new double[k][pixels];
        for (int i = 0; i < n; i++) {
            double[] sum = sums[ranked[i]];
            for (int p = 0, at = i * pixels; p < pixels; p++, at++) {
                sum[p] += maps[at];
            }
        }
        for (int c = 0; c < k; c++) {
            double own = Math.max(1, counts[c]);
            double rest = Math.max(1, n - counts[c]);
            clusterMeans[c] = new float[pixels];
            others[c] = new float[pixels];
            for (int p = 0; p < pixels; p++) {
                clusterMeans[c][p] = (float) (sums[c][p] / own);
                others[c][p] = (float) (((double) mean[p] * n - sums[c][p]) / rest);
            }
        }
    }

    /** Each candidate's estimate of pi, [K * M] row-major. */
    private static float[] piHats(float[][] clusterMeans, int[] ranked, int[] counts, NDArray z, NDArray pi,
                                  NDArray mu, NDArray sigma2, SpaConfig config) {
        int k = counts.length;
        int m = (int) pi.getShape().get(0);
        if (!config.latentPiEstimate()) {
            int pixels = clusterMeans[0].length;
            float[] flat = new float[k * pixels];
            for (int c = 0; c < k; c++) {
                System.arraycopy(clusterMeans[c], 0, flat, c * pixels, pixels);
            }
            NDArray maps = Tensors.create(pi.getManager(), flat, new Shape(k, pixels));
            return EmEstimate.piHat(maps, pi, mu, sigma2).toFloatArray();
        }
        float[] responsibilities = EmEstimate.latentResponsibilities(z, pi, mu, sigma2).toFloatArray();
        double[] sums = new double[k * m];
        for (int i = 0; i < ranked.length; i++) {
            for (int j = 0; j < m; j++) {
                sums[ranked[i] * m + j] += responsibilities[i * m + j];
            }
        }
        float[] piHats = new float[k * m];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < m; j++) {
                piHats[c * m + j] = (float) (sums[c * m + j] / Math.max(1, counts[c]));
            }
        }
        return piHats;
    }

    /**
     * The indices of the {@code count} largest values, largest first; equal values by lowest index first (a fixed
     * order, so the point drawn among them depends only on the seed).
     */
    static int[] topIndices(float[] values, int count) {
        int[] top = new int[Math.min(count, values.length)];
        if (top.length == 0) {
            return top;
        }
        int filled = 0;
        for (int i = 0; i < values.length; i++) {
            float value = values[i];
            if (filled == top.length && !(value > values[top[filled - 1]])) {
                continue;
            }
            int at = filled == top.length ? filled - 1 : filled++;
            while (at > 0 && value > values[top[at - 1]]) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = i;
        }
        return top;
    }

    /** The [N, S, S] sample maps average-pooled to the cluster grid: [N, grid * grid], what K-means clusters. */
    public static NDArray pooled(NDArray probabilities, SpaConfig config) {
        long n = probabilities.getShape().get(0);
        int grid = config.clusterGrid();
        int f = config.imageSize() / grid;
        return probabilities.reshape(n, grid, f, grid, f).mean(new int[] {4}).mean(new int[] {2})
                .reshape(n, (long) grid * grid);
    }

    /** The n row-major size x size maps of {@code maps} average-pooled to grid x grid: [n, grid * grid]. */
    static float[] pooled(float[] maps, int n, int size, int grid) {
        int cells = grid * grid;
        float[] out = new float[n * cells];
        for (int i = 0; i < n; i++) {
            float[] one = pool(Arrays.copyOfRange(maps, i * size * size, (i + 1) * size * size), size, grid);
            System.arraycopy(one, 0, out, i * cells, cells);
        }
        return out;
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
