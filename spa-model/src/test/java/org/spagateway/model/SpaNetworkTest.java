package org.spagateway.model;

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
        }
    }

    @Test
    void ancestralSamplingAlsoRuns() {
        SpaConfig base = SpaConfig.defaults(1).withSamples(4);
        SpaConfig config = new SpaConfig(1, 128, 64, 32, 16, 4, 4, 20, 64, true);
        assertThat(config.samples()).isEqualTo(base.samples());
        try (SpaModel model = SpaModel.create("t", "nodule", config, 1);
             SpaPredictor predictor = model.newPredictor()) {
            RoundResult round = SpaSession.start(predictor, new ModelImage(1, 128, new float[128 * 128]),
                    new Click(64, 64, true), null, 1).lastRound();
            assertThat(round.candidates()).hasSize(4);
        }
    }
}
