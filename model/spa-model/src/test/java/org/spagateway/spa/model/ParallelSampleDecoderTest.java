package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Task;
import org.spagateway.spa.model.nn.SpaNetwork;

/** One round whose shares fail on every thread: the failure reaches the caller whole, and the next round decodes. */
class ParallelSampleDecoderTest {

    private static SpaModel model;

    @BeforeAll
    static void load() {
        model = SpaModel.load(Path.of("..", "..", "models", "spa-optic-cup.params"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void aRoundWhoseSharesFailReportsEveryFailureAndTheNextRoundDecodes() {
        SpaNetwork network = model.network();
        SpaConfig config = model.config();
        int s = config.imageSize();
        ModelImage image = ModelImage.of(MultiRaterGenerator.standard(RaterPanel.defaults(Task.OPTIC_CUP)).sample(5));
        try (NDManager manager = model.djlModel().getNDManager().newSubManager();
             NoGradientScope noGradients = NoGradientScope.open()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            try (ParallelSampleDecoder decoder = new ParallelSampleDecoder(network, parameters, manager, 2)) {
                NDList embedding = network.embedImage(parameters,
                        Tensors.create(manager, image.pixels(), new Shape(1, image.channels(), s, s)));
                NDList prompts = SpaPredictor.prompts(manager, List.of(List.of(new Click(s / 2, s / 2, true))), s);
                NDList noise = SpaPredictor.noise(manager, 1, config.samples(), config.latentDim(), new long[] {5});
                NDList preferences = network.preferences(parameters, prompts.get(0), prompts.get(1),
                        Tensors.create(manager, model.initialPi(), new Shape(1, config.components())),
                        noise.get(0), noise.get(1));
                NDArray tokens = preferences.get(0);
                NDArray wrongLatents = manager.zeros(new Shape(1, config.samples(), config.latentDim() + 1));

                Throwable failure = catchThrowable(() -> decoder.probabilities(embedding, wrongLatents, tokens,
                        new RoundClock()));

                assertThat(failure).as("the caller's own share fails").isNotNull();
                assertThat(failure.getSuppressed()).as("the other thread's share, awaited and kept").hasSize(1);
                NDArray probabilities = decoder.probabilities(embedding, preferences.get(4), tokens,
                        new RoundClock());
                assertThat(probabilities.getShape()).isEqualTo(new Shape(config.samples(), s, s));
                assertThat(Tensors.nonFinite(probabilities)).isZero();
            }
        }
    }
}
