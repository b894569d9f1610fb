package org.spagateway.spa.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class GradientGuardTest {

    private static final TrainingStep WHERE = new TrainingStep(2, 3, 1);

    @Test
    void gradientsAboveTheMaximumNormAreScaledDownToItTogether() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Linear layer = layer(manager);
            backward(layer, manager, manager.ones(new Shape(4, 8)).mul(100f));
            double before = norm(layer);
            GradientGuard.Outcome outcome = new GradientGuard(layer, 1.0).check(WHERE);
            assertThat(outcome.clipped()).isTrue();
            assertThat(outcome.norm()).isCloseTo(before, Offset.offset(before * 1e-5));
            assertThat(norm(layer)).isCloseTo(1.0, Offset.offset(1e-5));
        }
    }

    @Test
    void gradientsBelowTheMaximumNormAreLeftAlone() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Linear layer = layer(manager);
            backward(layer, manager, manager.ones(new Shape(4, 8)).mul(0.01f));
            double before = norm(layer);
            assertThat(new GradientGuard(layer, 1000.0).check(WHERE).clipped()).isFalse();
            assertThat(norm(layer)).isEqualTo(before);
        }
    }

    @Test
    void aGradientThatIsNotFiniteStopsTrainingNamingTheParameterAndTheStep() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Linear layer = layer(manager);
            NDArray input = manager.ones(new Shape(4, 8));
            input.set(new ai.djl.ndarray.index.NDIndex("1, 2"), Float.NaN);
            backward(layer, manager, input);
            assertThatThrownBy(() -> new GradientGuard(layer, 10.0).check(WHERE))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("epoch 2, step 3, round 1")
                    .hasMessageContaining("the gradient of weight")
                    .hasMessageContaining("no checkpoint written");
        }
    }

    private static Linear layer(NDManager manager) {
        Linear layer = Linear.builder().setUnits(3).build();
        layer.setInitializer(new NormalInitializer(), Parameter.Type.WEIGHT);
        layer.initialize(manager, DataType.FLOAT32, new Shape(4, 8));
        return layer;
    }

    private static void backward(Linear layer, NDManager manager, NDArray input) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = layer.forward(new ParameterStore(manager, false), new NDList(input), true)
                    .singletonOrThrow();
            collector.backward(out.square().sum());
        }
    }

    private static double norm(Linear layer) {
        double sum = 0;
        for (Parameter parameter : layer.getParameters().values()) {
            sum += parameter.getArray().getGradient().square().sum().getFloat();
        }
        return Math.sqrt(sum);
    }
}
