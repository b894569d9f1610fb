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

    private static CandidateAnalysis.Analysis analyse(NDManager manager, NDArray maps) {
        return CandidateAnalysis.analyse(maps, manager.zeros(new Shape(8, 32)), manager.ones(new Shape(16)).div(16f),
                manager.zeros(new Shape(16)), manager.ones(new Shape(16)), CONFIG, 1);
    }
}
