package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpaNetworkTest {

    @Test
    void oneForwardGivesNLogitMapsAndANormalisedPi() {
        SpaConfig config = SpaConfig.defaults(3).withSamples(6);
        try (SpaModel model = SpaModel.create("t", "optic-cup", config, 1);
             NDManager manager = model.djlModel().getNDManager().newSubManager()) {
            ModelImage image = new ModelImage(3, 128, new float[3 * 128 * 128]);
            NDList inputs = SpaPredictor.inputs(manager, config, image,
                    List.of(new Click(10, 20, true), new Click(30, 40, false)), model.initialPi(), 6, 1);
            NDList out = model.network().forward(new ParameterStore(manager, false), inputs, false);
            assertThat(out.get(0).getShape().getShape()).containsExactly(1, 6, 128, 128);
            assertThat(out.get(3).sum().getFloat()).isCloseTo(1f, within(1e-5f));
            assertThat(out.get(2).min().getFloat()).isPositive();
            assertThat(out.get(4).getShape().getShape()).containsExactly(1, 6, 32);
        }
    }

    @Test
    void ancestralSamplingAlsoRuns() {
        SpaConfig base = SpaConfig.defaults(1).withSamples(4);
        SpaConfig config = new SpaConfig(1, 128, 64, 32, 16, 4, 4, 20, 64, true, false);
        assertThat(config.samples()).isEqualTo(base.samples());
        try (SpaModel model = SpaModel.create("t", "nodule", config, 1);
             SpaPredictor predictor = model.newPredictor()) {
            RoundResult round = SpaSession.start(predictor, new ModelImage(1, 128, new float[128 * 128]),
                    new Click(64, 64, true), null, 1).lastRound();
            assertThat(round.candidates()).hasSize(4);
        }
    }

    @Test
    void withLatentEstimatesCandidatesDrawnFromDifferentComponentsFeedBackDifferentPi() {
        SpaConfig config = SpaConfig.defaults(1).withSamples(24).withMixture(true, true);
        try (SpaModel model = SpaModel.create("t", "nodule", config, 1);
             SpaPredictor predictor = model.newPredictor()) {
            SpaSession session = SpaSession.start(predictor, new ModelImage(1, 128, new float[128 * 128]),
                    new Click(64, 64, true), null, 1);
            List<SessionState.PendingChoice> choices = session.state().choices();
            float[] first = choices.get(0).piEstimate();
            assertThat(choices.stream().map(SessionState.PendingChoice::piEstimate)
                    .anyMatch(estimate -> maxDifference(estimate, first) > 0.1f)).isTrue();
            for (SessionState.PendingChoice choice : choices) {
                float sum = 0;
                for (float v : choice.piEstimate()) {
                    sum += v;
                }
                assertThat(sum).isCloseTo(1f, within(1e-4f));
            }
            assertThat(session.state().approvalEstimate()).hasSize(16);
        }
    }

    @Test
    void aConfigurationSavedBeforeLatentEstimatesLoadsWithThePixelEstimate() throws Exception {
        String json = """
                {"inputChannels":1,"imageSize":128,"embedChannels":64,"latentDim":32,"components":16,"samples":48,
                 "clusters":4,"feedbackTopK":20,"clusterGrid":64,"ancestralSampling":false}""";
        SpaConfig config = SpaModel.JSON.readValue(json, SpaConfig.class);
        assertThat(config.latentPiEstimate()).isFalse();
        assertThat(config).isEqualTo(SpaConfig.defaults(1));
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
