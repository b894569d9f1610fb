package org.spagateway.spa.model.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.spagateway.spa.model.Click;
import org.spagateway.spa.model.SpaConfig;
import org.spagateway.spa.model.Tensors;
import org.spagateway.spa.model.TrainingInputs;
import org.spagateway.spa.model.nn.SpaNetwork;

/**
 * Checks, on this machine and engine, that the SPA network's gradients in training are right: one backward pass of
 * a batch shaped like training's (several images and samples, so the engine picks the same convolution kernels) in
 * float32, compared parameter by parameter with the same pass in float64, which PyTorch computes without oneDNN.
 * Float32 rounding gives relative differences near 1e-6; a defective kernel gives differences near 1 or NaN (seen:
 * oneDNN 3.7.1's AVX2 and AVX-512 backward-data convolutions with narrow outputs, which
 * {@link SpaNetwork#padNarrowConvolutionsInTraining} works around).
 *
 * <p>The check draws z from the paper code's collapsed mixture whatever the configuration says: the layers and
 * kernels are the same, and ancestral sampling's component choice could differ between float32 and float64 at an
 * interval boundary, which is a legitimate difference, not a defect.
 */
public final class GradientCheck {

    /**
     * Largest accepted relative difference of one parameter's gradient. Float32 rounding gives about 1e-6, up to 7e-3
     * where a ReLU input near zero falls on different sides in the two precisions (seen over 40 random networks); the
     * defect gives 0.3-1 or NaN.
     */
    static final double TOLERANCE = 0.05;
    /** Below this share of the whole gradient's norm a parameter's gradient is compared in absolute terms. */
    private static final double NEGLIGIBLE = 1e-5;
    private static final int IMAGES = 2;
    private static final int SAMPLES = 8;

    /** The parameter whose float32 gradient differs most from float64, and by how much (relative). */
    public record Outcome(String worstParameter, double worstRelativeError) {

        public boolean passed() {
            return worstRelativeError <= TOLERANCE;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s off by %.2g", worstParameter, worstRelativeError);
        }
    }

    /**
     * What training on this machine uses: the plain layers when their gradients are right, else the padded narrow
     * convolutions ({@code padded} is null when the plain layers passed and it was not measured).
     */
    public record Verdict(boolean padNarrowConvolutions, Outcome plain, Outcome padded) {

        /** One line for logs and model cards. */
        public String describe() {
            return padNarrowConvolutions
                    ? "narrow convolutions padded: the plain layers' gradients are wrong on this CPU (" + plain
                            + " against float64), padded ones right (" + padded + ")"
                    : "plain layers: gradients right on this CPU (" + plain + " against float64)";
        }
    }

    private GradientCheck() {
    }

    /**
     * Measures the plain layers and, if they fail, the padded narrow convolutions.
     *
     * @throws IllegalStateException if neither computes the network's gradients right, naming the parameter and the
     *                               remedy
     */
    public static Verdict verify(SpaConfig config, long seed) {
        Outcome plain = measure(config, seed, false);
        if (plain.passed()) {
            return new Verdict(false, plain, null);
        }
        Outcome padded = measure(config, seed, true);
        if (padded.passed()) {
            return new Verdict(true, plain, padded);
        }
        throw new IllegalStateException(String.format(Locale.ROOT, "the engine computes wrong gradients on this CPU: "
                + "the float32 gradient of %s differs from float64 by %.3g (relative; at most %.2g expected) even "
                + "with the narrow convolutions padded, so training would learn from wrong gradients. A kernel of "
                + "the CPU's math library is the likely cause; set ONEDNN_MAX_CPU_ISA=AVX for the training process "
                + "and report the CPU (lscpu) with this message", padded.worstParameter(),
                padded.worstRelativeError(), TOLERANCE));
    }

    /**
     * Runs the comparison (about 2 s on 2 cores) without judging it.
     *
     * @param padded whether the networks pad their narrow convolutions in training
     */
    public static Outcome measure(SpaConfig config, long seed, boolean padded) {
        SpaConfig collapsed = config.withMixture(false, config.latentPiEstimate());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            SpaNetwork single = new SpaNetwork(collapsed);
            single.padNarrowConvolutionsInTraining(padded);
            single.initialize(manager, DataType.FLOAT32, SpaNetwork.inputShapes(collapsed));
            SpaNetwork twin = new SpaNetwork(collapsed);
            twin.initialize(manager, DataType.FLOAT64, SpaNetwork.inputShapes(collapsed));
            List<Pair<String, Parameter>> singles = single.getParameters().stream().toList();
            List<Pair<String, Parameter>> twins = twin.getParameters().stream().toList();
            for (int i = 0; i < singles.size(); i++) {
                twins.get(i).getValue().getArray().set(new NDIndex(":"),
                        singles.get(i).getValue().getArray().toType(DataType.FLOAT64, true));
            }
            NDList inputs = inputs(manager, collapsed, seed);
            List<NDArray> weights = new ArrayList<>();
            List<float[]> gradients32 = gradients(single, inputs, weights, seed, manager);
            List<float[]> gradients64 = gradients(twin, toFloat64(inputs), toFloat64(new NDList(weights)), seed,
                    manager);
            return compare(singles, gradients32, gradients64);
        }
    }

    private static Outcome compare(List<Pair<String, Parameter>> parameters, List<float[]> single,
                                   List<float[]> reference) {
        double total = 0;
        for (float[] g : reference) {
            total += squaredNorm(g);
        }
        String worst = "";
        double worstError = 0;
        for (int i = 0; i < parameters.size(); i++) {
            double difference = 0;
            for (int j = 0; j < single.get(i).length; j++) {
                double d = (double) single.get(i)[j] - reference.get(i)[j];
                difference += d * d;
            }
            double scale = Math.max(Math.sqrt(squaredNorm(reference.get(i))), NEGLIGIBLE * Math.sqrt(total));
            double error = Math.sqrt(difference) / scale;
            if (!(error <= worstError)) {
                worst = parameters.get(i).getKey();
                worstError = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
            }
        }
        return new Outcome(worst, worstError);
    }

    /**
     * Gradients of sum_k <output_k, w_k> with fixed random weights w_k (the same in both precisions): a loss that
     * reaches every parameter through every output. {@code weights} is filled on the first (float32) call.
     */
    private static List<float[]> gradients(SpaNetwork network, NDList inputs, List<NDArray> weights, long seed,
                                           NDManager manager) {
        ParameterStore store = new ParameterStore(manager, false);
        try (NDManager scope = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList outputs = network.forward(store, inputs, true);
            if (weights.isEmpty()) {
                SplittableRandom random = new SplittableRandom(seed ^ 0x6AD);
                for (NDArray output : outputs) {
                    float[] w = new float[(int) output.size()];
                    for (int i = 0; i < w.length; i++) {
                        w[i] = (float) random.nextGaussian();
                    }
                    weights.add(Tensors.create(manager, w, output.getShape()));
                }
            }
            NDArray loss = null;
            for (int k = 0; k < outputs.size(); k++) {
                NDArray term = outputs.get(k).mul(weights.get(k)).sum();
                loss = loss == null ? term : loss.add(term);
            }
            collector.backward(loss);
            List<float[]> gradients = new ArrayList<>();
            for (Pair<String, Parameter> parameter : network.getParameters()) {
                try (NDArray gradient = parameter.getValue().getArray().getGradient()) {
                    gradients.add(gradient.toType(DataType.FLOAT32, false).toFloatArray());
                }
            }
            scope.close();
            return gradients;
        }
    }

    private static NDList inputs(NDManager manager, SpaConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int s = config.imageSize();
        float[] image = new float[IMAGES * config.inputChannels() * s * s];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextGaussian();
        }
        List<List<Click>> clicks = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            clicks.add(List.of(new Click(random.nextInt(s), random.nextInt(s), true),
                    new Click(random.nextInt(s), random.nextInt(s), false)));
        }
        NDList prompts = TrainingInputs.prompts(manager, clicks, s);
        int m = config.components();
        float[] pi = new float[IMAGES * m];
        for (int i = 0; i < pi.length; i++) {
            pi[i] = 1f / m;
        }
        long[] roundSeeds = {seed, seed + 1};
        NDList noise = TrainingInputs.noise(manager, IMAGES, SAMPLES, config.latentDim(), roundSeeds);
        return new NDList(Tensors.create(manager, image, new Shape(IMAGES, config.inputChannels(), s, s)),
                prompts.get(0), prompts.get(1), Tensors.create(manager, pi, new Shape(IMAGES, m)), noise.get(0),
                noise.get(1));
    }

    private static NDList toFloat64(NDList arrays) {
        NDList out = new NDList();
        for (NDArray array : arrays) {
            out.add(array.toType(DataType.FLOAT64, true));
        }
        return out;
    }

    private static double squaredNorm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return sum;
    }
}
