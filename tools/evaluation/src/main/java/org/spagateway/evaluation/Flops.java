package org.spagateway.evaluation;

import org.spagateway.spa.model.SpaConfig;

/**
 * Multiply-accumulates of one SPA round, counted layer by layer from the architecture (model/spa-model/MODEL.md):
 * FLOPs = 2 x MACs. Element-wise operations, softmax and the EM estimate are left out (a few per cent).
 */
public final class Flops {

    /** MACs of the parts of one round. */
    public record Breakdown(long encoder, long perSampleDecoder, long samples, long kmeansPerIteration) {

        public long total(int kmeansIterations) {
            return encoder + perSampleDecoder * samples + kmeansPerIteration * kmeansIterations;
        }
    }

    private Flops() {
    }

    public static Breakdown round(SpaConfig c, int tokens) {
        long s = c.imageSize();
        long e = c.embedChannels();
        long g = c.embedGrid();
        long encoder = conv(c.inputChannels(), 16, 3, s) + conv(16, 32, 3, s / 2) + conv(32, 32, 3, s / 2)
                + conv(32, 64, 3, s / 4) + conv(64, 64, 3, s / 4) + conv(64, e, 3, g) + conv(e, e, 3, g)
                + conv(e, e, 1, g)
                // once per image: Fcomb's image half, key/value of the tokens, the skip projections
                + conv(e, e, 1, g) + tokens * (e * 32 + e * e)
                + conv(64, 32, 1, s / 4) + conv(32, 16, 1, s / 2) + conv(16, 8, 1, s);
        long pixels = g * g;
        long perSample = c.latentDim() * e                       // Fcomb: W_z z
                + 2 * conv(e, e, 1, g)                            // Fcomb: second and third 1x1 conv
                + pixels * e * 32                                 // attention query
                + pixels * tokens * (32 + e)                      // attention weights and values
                + pixels * e * e                                  // attention output projection
                + conv(e, 32, 3, g) + conv(32, 16, 3, 2 * g) + conv(16, 8, 3, 4 * g)
                + conv(8, 1, 3, s);
        long features = (long) c.clusterGrid() * c.clusterGrid();
        long kmeans = 2L * c.samples() * features * c.clusters();
        return new Breakdown(encoder, perSample, c.samples(), kmeans);
    }

    private static long conv(long in, long out, long kernel, long outputSide) {
        return in * out * kernel * kernel * outputSide * outputSide;
    }
}
