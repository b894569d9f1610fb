package org.spagateway.spa.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The paper's "MLP blocks with six forward layers and ReLU activations" (code: EMWeights): the mixture weights pi
 * for the next round from the EM estimate of pi on the chosen candidate. Linear M->64->128->256->128->64->M, ReLU
 * after the first five, softmax. Input [B, M], output [B, M] (rows sum to 1).
 */
public final class PreferenceWeightsNet extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final int[] HIDDEN = {64, 128, 256, 128, 64};

    private final int components;
    private final Linear[] layers = new Linear[6];

    public PreferenceWeightsNet(int components) {
        super(VERSION);
        this.components = components;
        for (int i = 0; i < 6; i++) {
            layers[i] = addChildBlock("fc" + i, Layers.linear(i < 5 ? HIDDEN[i] : components, true));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        for (int i = 0; i < 5; i++) {
            x = Activation.relu(Layers.apply(layers[i], ps, x, training));
        }
        return new NDList(Layers.apply(layers[5], ps, x, training).softmax(-1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), components)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long in = components;
        for (int i = 0; i < 6; i++) {
            layers[i].initialize(manager, dataType, new Shape(1, in));
            in = i < 5 ? HIDDEN[i] : components;
        }
    }
}
