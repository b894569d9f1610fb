package org.spagateway.spa.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shifted-tap form of a "same" convolution computes what the convolution computes: against a float64
 * convolution (PyTorch runs float64 without oneDNN), on random inputs, weights and biases from several seeds, for the
 * decoder head's shape and others (several output channels, a 5x5 kernel, a wider zero border, no bias).
 */
class ShiftedTapConvolutionTest {

    @ParameterizedTest(name = "{0} -> {1} channels, {2}x{2} kernel, border {3}, bias {4}, seed {5}")
    @CsvSource({"8, 1, 3, 2, true, 1", "8, 1, 3, 2, true, 2", "8, 1, 3, 1, true, 3", "16, 8, 3, 1, true, 4",
        "4, 3, 5, 3, false, 5", "8, 1, 1, 2, true, 6"})
    void matchesAFloat64Convolution(int in, int out, int kernel, int border, boolean withBias, int seed) {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            int size = 40;
            NDArray x = manager.randomNormal(new Shape(6, in, size, size));
            NDArray weight = manager.randomNormal(new Shape(out, in, kernel, kernel));
            NDArray bias = withBias ? manager.randomNormal(new Shape(out)) : null;
            NDArray channelsLast = x.transpose(0, 2, 3, 1).pad(new Shape(0, 0, border, border, border, border), 0);

            NDArray shifted = ShiftedTapConvolution.apply(channelsLast, border, weight, bias);

            NDArray reference = Conv2d.conv2d(x.toType(DataType.FLOAT64, true), weight.toType(DataType.FLOAT64, true),
                    withBias ? bias.toType(DataType.FLOAT64, true) : null, new Shape(1, 1),
                    new Shape(kernel / 2, kernel / 2), new Shape(1, 1), 1).singletonOrThrow();
            assertThat(shifted.getShape()).isEqualTo(new Shape(6, out, size, size));
            assertThat(relativeError(shifted, reference)).isLessThan(1e-6);
        }
    }

    static double relativeError(NDArray actual, NDArray reference) {
        NDArray difference = actual.toType(DataType.FLOAT64, true).sub(reference.toType(DataType.FLOAT64, true));
        double error = Math.sqrt(difference.square().sum().getDouble()
                / reference.toType(DataType.FLOAT64, true).square().sum().getDouble());
        return Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
    }
}
