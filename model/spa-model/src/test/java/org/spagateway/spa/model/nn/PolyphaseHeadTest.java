package org.spagateway.spa.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The polyphase head computes what the decoder's plain last stage computes, {@code conv3x3(relu(up2(a) + s))} with
 * "same" padding: against that stage in float64 (PyTorch runs float64 without oneDNN), on random maps, skip
 * projections, weights and biases from several seeds, for the decoder's shape and others (several images and
 * samples, another channel count, a map that is not square), with border values of the per-sample map that must not
 * matter (random, or huge).
 */
class PolyphaseHeadTest {

    @ParameterizedTest(name = "{0} image(s) x {1} samples, {2} channels, {3}x{4}, border value {5}, seed {6}")
    @CsvSource({"1, 6, 8, 16, 16, random, 1", "1, 6, 8, 16, 16, random, 2", "2, 3, 8, 10, 10, random, 3",
        "1, 4, 3, 20, 12, random, 4", "1, 2, 8, 8, 8, 1e30, 5"})
    void matchesTheUpsampledSkipReluConvolutionInFloat64(int images, int samples, int channels, int height, int width,
                                                          String borderValue, int seed) {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            int b = PolyphaseHead.BORDER;
            NDArray bordered = manager.randomNormal(
                    new Shape(images * samples, channels, height + 2 * b, width + 2 * b));
            if (!"random".equals(borderValue)) {
                NDArray interior = bordered.get(new NDIndex(":, :, {}:{}, {}:{}", b, b + height, b, b + width));
                bordered = interior.pad(new Shape(b, b, b, b), Double.parseDouble(borderValue));
            }
            NDArray skip = manager.randomNormal(new Shape(images, channels, 2 * height, 2 * width));
            NDArray weight = manager.randomNormal(new Shape(1, channels, 3, 3));
            NDArray bias = manager.randomNormal(new Shape(1));

            NDArray logits = PolyphaseHead.apply(bordered, PolyphaseHead.skipPhases(skip), weight, bias);

            NDArray a = bordered.get(new NDIndex(":, :, {}:{}, {}:{}", b, b + height, b, b + width))
                    .toType(DataType.FLOAT64, true);
            NDArray upsampled = Layers.upsample2(a);
            NDArray input = Activation.relu(
                    Layers.addPerImage(upsampled, skip.toType(DataType.FLOAT64, true), samples));
            NDArray reference = Conv2d.conv2d(input, weight.toType(DataType.FLOAT64, true),
                    bias.toType(DataType.FLOAT64, true), new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                    .singletonOrThrow();
            assertThat(logits.getShape()).isEqualTo(new Shape(images * samples, 1, 2 * height, 2 * width));
            assertThat(relativeError(logits, reference)).isLessThan(1e-6);
        }
    }

    static double relativeError(NDArray actual, NDArray reference) {
        NDArray difference = actual.toType(DataType.FLOAT64, true).sub(reference.toType(DataType.FLOAT64, true));
        double error = Math.sqrt(difference.square().sum().getDouble()
                / reference.toType(DataType.FLOAT64, true).square().sum().getDouble());
        return Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
    }
}
