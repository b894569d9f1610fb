package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CandidateAnalysisTest {

    private static final SpaConfig CONFIG = SpaConfig.defaults(1).withSamples(8);

    @Test
    void sampleMapsWithNanAreRefusedAsInvalidModelOutput() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray maps = manager.randomUniform(0f, 1f, new Shape(8, 128, 128));
            maps.set(new NDIndex("2, 5, 7"), Float.NaN);
            assertThatThrownBy(() -> analyse(manager, maps)).isInstanceOf(ModelOutputInvalidException.class)
                    .hasMessageContaining("sample probability maps hold 1 of 131072 values that are not finite");
        }
    }

    @Test
    void infiniteMixtureParametersAreRefusedAsInvalidModelOutput() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray maps = manager.randomUniform(0f, 1f, new Shape(8, 128, 128));
            NDArray mu = manager.zeros(new Shape(16));
            mu.set(new NDIndex("3"), Float.POSITIVE_INFINITY);
            assertThatThrownBy(() -> CandidateAnalysis.analyse(maps, manager.zeros(new Shape(8, 32)),
                    manager.ones(new Shape(16)).div(16f), mu, manager.ones(new Shape(16)), CONFIG, 1))
                    .isInstanceOf(ModelOutputInvalidException.class).hasMessageContaining("component means mu");
        }
    }

    /**
     * Eight samples: six from component 0 (pi 0.25) predict nothing, two from component 1 (pi 0.75) the whole image.
     * The plain mean (2 / 8) recommends nothing; with sharpness 4 each sample weighs pi^3 of its component, so the
     * two weigh 0.84 / 0.93 of the whole and the recommendation is the whole image.
     */
    @Test
    void aSharperRecommendationFollowsTheSamplesOfTheHeavierComponent() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray maps = manager.zeros(new Shape(8, 128, 128));
            maps.set(new NDIndex("6:"), 1f);
            float[] latents = new float[8 * 32];
            Arrays.fill(latents, 6 * 32, 8 * 32, 5f);
            NDArray z = manager.create(latents, new Shape(8, 32));
            NDArray pi = manager.zeros(new Shape(16));
            pi.set(new NDIndex("0"), 0.25f);
            pi.set(new NDIndex("1"), 0.75f);
            NDArray mu = manager.zeros(new Shape(16));
            mu.set(new NDIndex("1:"), 5f);
            NDArray sigma2 = manager.ones(new Shape(16)).mul(0.1f);
            SpaConfig config = CONFIG.withMixture(true, true);
            CandidateAnalysis.Analysis plain = CandidateAnalysis.analyse(maps, z, pi, mu, sigma2, config,
                    InferenceRecipe.PAPER, 1, new RoundClock());
            CandidateAnalysis.Analysis sharp = CandidateAnalysis.analyse(maps, z, pi, mu, sigma2, config,
                    new InferenceRecipe(0, 1, 4), 1, new RoundClock());
            assertThat(plain.recommended().area()).isZero();
            assertThat(sharp.recommended().area()).isEqualTo(128 * 128);
            assertThat(sharp.meanProbability()).as("the mean map stays the mean of all samples")
                    .containsExactly(plain.meanProbability());
            assertThat(sharp.candidates().get(0).mask().area()).as("the candidates keep every sample")
                    .isEqualTo(plain.candidates().get(0).mask().area());
        }
    }

    @Test
    void finiteSampleMapsStillGiveKCandidates() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray maps = manager.randomUniform(0f, 1f, new Shape(8, 128, 128));
            assertThat(analyse(manager, maps).candidates()).hasSize(4);
        }
    }

    /** The 2 x 2 pooling as a matrix product gives exactly the mean of the column pairs' means (the general form). */
    @Test
    void poolingByMatrixProductGivesTheMeansOfMeansExactly() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            for (int seed = 1; seed <= 5; seed++) {
                ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(seed);
                NDArray maps = manager.randomUniform(0f, 1f, new Shape(8, 128, 128));
                int grid = CONFIG.clusterGrid();
                float[] expected = maps.reshape(8, grid, 2, grid, 2).mean(new int[] {4}).mean(new int[] {2})
                        .toFloatArray();
                assertThat(CandidateAnalysis.pooled(maps, CONFIG).toFloatArray()).as("seed " + seed)
                        .containsExactly(expected);
            }
        }
    }

    @Test
    void theRoundEstimateIsTheEstimateOfTheRoundAsAWhole() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(3);
            NDArray maps = manager.randomUniform(0f, 1f, new Shape(8, 128, 128));
            NDArray z = manager.randomNormal(new Shape(8, 32));
            NDArray pi = manager.randomUniform(0.1f, 1f, new Shape(16));
            pi = pi.div(pi.sum());
            NDArray mu = manager.randomNormal(new Shape(16));
            NDArray sigma2 = manager.randomUniform(0.5f, 2f, new Shape(16));
            for (boolean latent : new boolean[] {false, true}) {
                SpaConfig config = CONFIG.withMixture(CONFIG.ancestralSampling(), latent);
                CandidateAnalysis.Analysis analysis = CandidateAnalysis.analyse(maps, z, pi, mu, sigma2, config, 1);
                float[] expected = EmEstimate.ofRound(maps.reshape(8, -1).mean(new int[] {0}), z, pi, mu, sigma2,
                        latent).toFloatArray();
                assertThat(analysis.roundEstimate()).as("latent estimate " + latent)
                        .containsExactly(expected);
            }
        }
    }

    private static CandidateAnalysis.Analysis analyse(NDManager manager, NDArray maps) {
        return CandidateAnalysis.analyse(maps, manager.zeros(new Shape(8, 32)), manager.ones(new Shape(16)).div(16f),
                manager.zeros(new Shape(16)), manager.ones(new Shape(16)), CONFIG, 1);
    }
}
