package org.spagateway.spa.model;

/**
 * Where one round's time went, stage by stage: wall-clock nanoseconds on the predicting thread (the PyTorch CPU
 * operations are synchronous, so each stage's work is done when its time is taken).
 *
 * @param encoder         the image encoder and the other per-image parts (Fcomb's image term, the decoder's skip
 *                        projections); close to zero when the image's embedding was reused
 * @param prompt          prompt encoder, mean/variance network, pi-MLP and drawing the N latents
 * @param fusion          Fcomb over the N samples
 * @param decoder         the mask decoder over the N samples and the sigmoid
 * @param kmeans          K-means on the pooled probability maps
 * @param analysis        the rest of the candidate analysis: checks, mean map, candidates, feedback points, EM
 *                        estimates, copies to Java
 * @param embeddingReused whether the image's embedding came from an earlier round instead of the encoder
 */
public record RoundTimings(long encoder, long prompt, long fusion, long decoder, long kmeans, long analysis,
                           boolean embeddingReused) {

    public long total() {
        return encoder + prompt + fusion + decoder + kmeans + analysis;
    }
}
