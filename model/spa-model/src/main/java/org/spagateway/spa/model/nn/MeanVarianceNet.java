package org.spagateway.spa.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * The paper code's EMMeanVariance: (mu_m, sigma^2_m) of the M mixture components from the prompt tokens. Token
 * branch Conv1d(D->128, k3)+ReLU, Conv1d(128->64, k3)+ReLU, average over tokens; the positional-encoding branch
 * of the code takes a constant input, so it is a learned 128-d vector here; concatenation (192) ->
 * FC128+ReLU -> FC64+ReLU -> FC(2M): mu = first M, sigma^2 = ReLU(rest) + 1e-6. One set per image (the code
 * averages over the batch).
 *
 * <p>Input: tokens [B, T, D]. Outputs: mu [B, M], sigma2 [B, M].
 */
public final class MeanVarianceNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dim;
    private final int components;
    private final Conv1d conv1;
    private final Conv1d conv2;
    private final Parameter positionalFeature;
    private final Linear fc1;
    private final Linear fc2;
    private final Linear fc3;

    public MeanVarianceNet(int tokenDim, int components) {
        super(VERSION);
        this.dim = tokenDim;
        this.components = components;
        conv1 = addChildBlock("conv1", Layers.conv1d(128, 3));
        conv2 = addChildBlock("conv2", Layers.conv1d(64, 3));
        positionalFeature = addParameter(Parameter.builder().setName("positionalFeature")
                .setType(Parameter.Type.BIAS).optShape(new Shape(128))
                .optInitializer(new ConstantInitializer(0.1f)).build());
        fc1 = addChildBlock("fc1", Layers.linear(128, true));
        fc2 = addChildBlock("fc2", Layers.linear(64, true));
        fc3 = addChildBlock("fc3", Layers.linear(2 * components, true));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray tokens = inputs.singletonOrThrow();
        long b = tokens.getShape().get(0);
        NDArray x = tokens.transpose(0, 2, 1);
        x = Activation.relu(Layers.apply(conv1, ps, x, training));
        x = Activation.relu(Layers.apply(conv2, ps, x, training));
        NDArray pooled = x.mean(new int[] {2});
        // Added to zeros of the input's manager so the result belongs to the caller's (per-round) scope.
        NDArray pe = pooled.getManager().zeros(new Shape(b, 128))
                .add(ps.getValue(positionalFeature, tokens.getDevice(), training));
        NDArray h = pooled.concat(pe, 1);
        h = Activation.relu(Layers.apply(fc1, ps, h, training));
        h = Activation.relu(Layers.apply(fc2, ps, h, training));
        NDArray theta = Layers.apply(fc3, ps, h, training);
        NDArray mu = theta.get(":, 0:" + components);
        NDArray sigma2 = Activation.relu(theta.get(":, " + components + ":")).add(1e-6f);
        return new NDList(mu, sigma2);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {new Shape(b, components), new Shape(b, components)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv1.initialize(manager, dataType, new Shape(1, dim, 2));
        conv2.initialize(manager, dataType, new Shape(1, 128, 2));
        fc1.initialize(manager, dataType, new Shape(1, 192));
        fc2.initialize(manager, dataType, new Shape(1, 128));
        fc3.initialize(manager, dataType, new Shape(1, 64));
    }

    /** Linear layer producing (mu, sigma^2): its bias is set so that sigma^2 starts at 1 rather than at ReLU's edge. */
    Linear outputLayer() {
        return fc3;
    }
}
