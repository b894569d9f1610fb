package org.spagateway.spa.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spagateway.spa.model.SpaConfig;

/**
 * The inference stages (per-image embedding, prompt, Fcomb, the decoder with its broadcast upsampling and
 * polyphase head) give the network's plain forward pass: every sample's logits within a relative
 * error of 1e-5 and an absolute one of 1e-4, on randomly initialised networks and random inputs from several seeds,
 * for RGB and single-channel inputs.
 */
class SpaNetworkInferenceTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void inferenceStagesGiveThePlainForwardPassLogits(int seed) {
        SpaConfig config = SpaConfig.defaults(seed % 2 == 0 ? 1 : 3).withSamples(12);
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        try (Model model = Model.newInstance("inference-check", Device.cpu(), "PyTorch")) {
            SpaNetwork network = initialisedNetwork(model, config);
            NDManager manager = model.getNDManager().newSubManager();
            ParameterStore ps = new ParameterStore(manager, false);
            int s = config.imageSize();
            NDArray image = manager.randomNormal(new Shape(1, config.inputChannels(), s, s));
            NDArray points = manager.randomUniform(0, 1, new Shape(1, 3, 2));
            NDArray labels = manager.create(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new Shape(1, 3, 3));
            NDArray piHat = manager.randomUniform(0, 1, new Shape(1, config.components()));
            piHat = piHat.div(piHat.sum());
            NDArray eps = manager.randomNormal(new Shape(1, config.samples(), config.latentDim()));
            NDArray uniform = manager.randomUniform(0, 1, new Shape(1, config.samples()));

            NDArray reference = network.forward(ps, new NDList(image, points, labels, piHat, eps, uniform), false)
                    .get(0);

            NDList embedding = network.embedImage(ps, image);
            NDList preferences = network.preferences(ps, points, labels, piHat, eps, uniform);
            NDArray logits = network.decode(ps, network.fuse(ps, embedding, preferences.get(4)), preferences.get(0),
                    embedding);

            assertThat(logits.getShape()).isEqualTo(reference.getShape());
            assertThat(PolyphaseHeadTest.relativeError(logits, reference)).isLessThan(1e-5);
            assertThat(logits.sub(reference).abs().max().getFloat()).isLessThan(1e-4f);
            manager.close();
        }
    }

    /**
     * The attention groups each image's samples with that image's own prompt tokens: every image of a batch of two
     * (different images, clicks, pi and noise) gets the logits it gets alone, for the forward pass training uses.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {5, 6})
    void eachImageOfABatchGetsTheLogitsItGetsAlone(int seed) {
        SpaConfig config = SpaConfig.defaults(3).withSamples(6);
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        try (Model model = Model.newInstance("batch-check", Device.cpu(), "PyTorch")) {
            SpaNetwork network = initialisedNetwork(model, config);
            NDManager manager = model.getNDManager().newSubManager();
            ParameterStore ps = new ParameterStore(manager, false);
            int s = config.imageSize();
            NDList batch = new NDList(manager.randomNormal(new Shape(2, 3, s, s)),
                    manager.randomUniform(0, 1, new Shape(2, 3, 2)),
                    manager.create(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1},
                            new Shape(2, 3, 3)),
                    manager.randomUniform(0.1f, 1, new Shape(2, config.components())),
                    manager.randomNormal(new Shape(2, config.samples(), config.latentDim())),
                    manager.randomUniform(0, 1, new Shape(2, config.samples())));

            NDArray together = network.forward(ps, batch, false).get(0);

            for (int i = 0; i < 2; i++) {
                NDList one = new NDList();
                for (NDArray input : batch) {
                    one.add(input.get(i + ":" + (i + 1)));
                }
                NDArray alone = network.forward(ps, one, false).get(0);
                assertThat(PolyphaseHeadTest.relativeError(together.get(i + ":" + (i + 1)), alone))
                        .as("image " + i).isLessThan(1e-5);
            }
            manager.close();
        }
    }

    private static SpaNetwork initialisedNetwork(Model model, SpaConfig config) {
        SpaNetwork network = new SpaNetwork(config);
        model.setBlock(network);
        network.initialize(model.getNDManager(), DataType.FLOAT32, SpaNetwork.inputShapes(config));
        return network;
    }
}
