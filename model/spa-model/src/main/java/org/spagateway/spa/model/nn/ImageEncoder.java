package org.spagateway.spa.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Small CNN image encoder, run once per image (at inference its outputs are kept across rounds: {@code
 * SpaNetwork.embedImage}; the paper's ViT-B at this project's scale). Input
 * [B, C, S, S]; outputs the embedding e_x [B, E, S/8, S/8] and the skip features at full, 1/2 and 1/4 resolution
 * that the decoder adds back (computed once, shared by all N samples).
 */
public final class ImageEncoder extends AbstractBlock {

    private static final byte VERSION = 1;
    static final int C1 = 16;
    static final int C2 = 32;
    static final int C4 = 64;

    private final int embed;
    private final TrainingConvolution convolutions;
    private final Conv2d[] convs;
    private final int[] strides = {1, 2, 1, 2, 1, 2, 1, 1};

    ImageEncoder(int embedChannels, TrainingConvolution convolutions) {
        super(VERSION);
        this.embed = embedChannels;
        this.convolutions = convolutions;
        int[] filters = {C1, C2, C2, C4, C4, embedChannels, embedChannels, embedChannels};
        convs = new Conv2d[filters.length];
        for (int i = 0; i < filters.length; i++) {
            int kernel = i == filters.length - 1 ? 1 : 3;
            convs[i] = addChildBlock("conv" + i, Layers.conv(filters[i], kernel, strides[i]));
        }
    }

    /** Returns [e (1/8), f4 (1/4), f2 (1/2), f1 (full)]. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray f1 = Activation.relu(convolutions.apply(convs[0], ps, x, training));
        x = Activation.relu(convolutions.apply(convs[1], ps, f1, training));
        NDArray f2 = Activation.relu(convolutions.apply(convs[2], ps, x, training));
        x = Activation.relu(convolutions.apply(convs[3], ps, f2, training));
        NDArray f4 = Activation.relu(convolutions.apply(convs[4], ps, x, training));
        x = Activation.relu(convolutions.apply(convs[5], ps, f4, training));
        x = Activation.relu(convolutions.apply(convs[6], ps, x, training));
        NDArray e = convolutions.apply(convs[7], ps, x, training);
        return new NDList(e, f4, f2, f1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long b = in.get(0);
        long s = in.get(2);
        return new Shape[] {new Shape(b, embed, s / 8, s / 8), new Shape(b, C4, s / 4, s / 4),
            new Shape(b, C2, s / 2, s / 2), new Shape(b, C1, s, s)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        for (Conv2d conv : convs) {
            conv.initialize(manager, dataType, x);
            x = conv.getOutputShapes(new Shape[] {x})[0];
        }
    }
}
