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

    @Test
    void distinctStylesBecomeCandidatesBySizeWithTheirMembersAndAFeedbackPointWhereTheyDiffer() {
        int s = 128;
        float[][] styles = {halfPlane(s, true), halfPlane(s, false), disc(s), new float[s * s]};
        int[] styleOf = {0, 1, 0, 2, 1, 0, 2, 3};
        float[] maps = new float[8 * s * s];
        for (int i = 0; i < 8; i++) {
            System.arraycopy(styles[styleOf[i]], 0, maps, i * s * s, s * s);
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            CandidateAnalysis.Analysis analysis = analyse(manager, manager.create(maps, new Shape(8, s, s)));

            assertThat(analysis.candidates()).extracting(CandidateAnalysis.Candidate::sampleCount)
                    .containsExactly(3, 2, 2, 1);
            assertThat(analysis.candidates().get(0).members()).containsExactly(0, 2, 5);
            assertThat(analysis.candidates().get(1).members()).as("tied in size: first member first")
                    .containsExactly(1, 4);
            assertThat(analysis.candidates().get(2).members()).containsExactly(3, 6);
            for (int c = 0; c < 3; c++) {
                CandidateAnalysis.Candidate candidate = analysis.candidates().get(c);
                int style = styleOf[candidate.members()[0]];
                assertThat(candidate.mask()).isEqualTo(BinaryMask.threshold(s, s, styles[style], 0.5f));
                int pixel = candidate.feedbackY() * s + candidate.feedbackX();
                assertThat(candidate.labelAtFeedback()).isEqualTo(styles[style][pixel] >= 0.5f);
                float share = 0;
                for (float p : candidate.piEstimate()) {
                    share += p;
                }
                assertThat(share).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
            }
            assertThat(analysis.pairwiseDice()[0][0]).isEqualTo(1.0);
        }
    }

    @Test
    void topIndicesListTheLargestFirstAndEqualValuesByLowestIndex() {
        float[] values = {0.5f, 0.9f, 0.1f, 0.9f, 0.7f, 0.9f};

        assertThat(CandidateAnalysis.topIndices(values, 4)).containsExactly(1, 3, 5, 4);
        assertThat(CandidateAnalysis.topIndices(values, 10)).containsExactly(1, 3, 5, 4, 0, 2);
    }

    private static float[] halfPlane(int s, boolean left) {
        float[] map = new float[s * s];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                map[y * s + x] = (left ? x < s / 2 : y < s / 2) ? 0.9f : 0.1f;
            }
        }
        return map;
    }

    private static float[] disc(int s) {
        float[] map = new float[s * s];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                map[y * s + x] = (x - 64) * (x - 64) + (y - 64) * (y - 64) < 900 ? 0.95f : 0.05f;
            }
        }
        return map;
    }

    private static CandidateAnalysis.Analysis analyse(NDManager manager, NDArray maps) {
        return CandidateAnalysis.analyse(maps, manager.zeros(new Shape(8, 32)), manager.ones(new Shape(16)).div(16f),
                manager.zeros(new Shape(16)), manager.ones(new Shape(16)), CONFIG, 1);
    }
}
