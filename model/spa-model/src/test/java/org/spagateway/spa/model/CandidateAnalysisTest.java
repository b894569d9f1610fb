package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class CandidateAnalysisTest {

    private static final SpaConfig CONFIG = SpaConfig.defaults(1).withSamples(8);

    @Test
    void sampleMapsWithNanAreRefusedAsInvalidModelOutput() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray maps = manager.randomUniform(0f, 1f, new Shape(8, 128, 128));
            maps.set(new ai.djl.ndarray.index.NDIndex("2, 5, 7"), Float.NaN);
            assertThatThrownBy(() -> analyse(manager, maps)).isInstanceOf(ModelOutputInvalidException.class)
                    .hasMessageContaining("sample probability maps hold 1 of 131072 values that are not finite");
        }
    }

    @Test
    void infiniteMixtureParametersAreRefusedAsInvalidModelOutput() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray maps = manager.randomUniform(0f, 1f, new Shape(8, 128, 128));
            NDArray mu = manager.zeros(new Shape(16));
            mu.set(new ai.djl.ndarray.index.NDIndex("3"), Float.POSITIVE_INFINITY);
            assertThatThrownBy(() -> CandidateAnalysis.analyse(maps, manager.zeros(new Shape(8, 32)),
                    manager.ones(new Shape(16)).div(16f), mu, manager.ones(new Shape(16)), CONFIG, 1))
                    .isInstanceOf(ModelOutputInvalidException.class).hasMessageContaining("component means mu");
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
