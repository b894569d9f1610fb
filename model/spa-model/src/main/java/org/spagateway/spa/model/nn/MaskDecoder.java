package org.spagateway.spa.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.spagateway.spa.model.Tensors;

/**
 * Light mask decoder, run for all N samples in one batch: each embedding pixel (plus its Fourier position) attends
 * to the prompt tokens (single-head cross-attention, the image-side half of SAM's two-way transformer), then three
 * upsampling stages (nearest 2x + 3x3 convolution, with the encoder's skip features of that resolution added,
 * computed once per image) bring the map back to the input size; a 3x3 convolution gives one logit per pixel.
 *
 * <p>Inputs: e_xn [B*N, E, G, G], tokens [B, T, E], dense positional encoding [G*G, E], skip features f4, f2, f1
 * (per image). Output: logits [B*N, 1, S, S].
 */
public final class MaskDecoder extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final int ATTENTION_DIM = 32;
    private static final int[] UP = {32, 16, 8};

    private final int embed;
    private final TrainingConvolution convolutions;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear out;
    private final Conv2d[] ups = new Conv2d[3];
    private final Conv2d[] skips = new Conv2d[3];
    private final Conv2d head;

    MaskDecoder(int embedChannels, TrainingConvolution convolutions) {
        super(VERSION);
        this.embed = embedChannels;
        this.convolutions = convolutions;
        query = addChildBlock("query", Layers.linear(ATTENTION_DIM, true));
        key = addChildBlock("key", Layers.linear(ATTENTION_DIM, true));
        value = addChildBlock("value", Layers.linear(embedChannels, true));
        out = addChildBlock("out", Layers.linear(embedChannels, true));
        for (int i = 0; i < 3; i++) {
            ups[i] = addChildBlock("up" + i, Layers.conv(UP[i], 3, 1));
            skips[i] = addChildBlock("skip" + i, Layers.conv(UP[i], 1, 1));
        }
        head = addChildBlock("head", Layers.conv(1, 3, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray tokens = inputs.get(1);
        NDArray pe = inputs.get(2);
        NDArray[] perImageSkips = {inputs.get(3), inputs.get(4), inputs.get(5)};
        Shape hs = h.getShape();
        long bn = hs.get(0);
        long g = hs.get(2);
        long b = tokens.getShape().get(0);
        long t = tokens.getShape().get(1);
        long n = bn / b;

        NDArray pixels = h.reshape(bn, embed, g * g).transpose(0, 2, 1);
        NDArray q = Layers.apply(query, ps, pixels.add(pe), training);
        NDArray k = Layers.apply(key, ps, tokens, training).expandDims(1)
                .broadcast(b, n, t, ATTENTION_DIM).reshape(bn, t, ATTENTION_DIM);
        NDArray v = Layers.apply(value, ps, tokens, training).expandDims(1)
                .broadcast(b, n, t, embed).reshape(bn, t, embed);
        NDArray attention = Tensors.mul(q.batchMatMul(k.transpose(0, 2, 1)), (float) (1 / Math.sqrt(ATTENTION_DIM)))
                .softmax(-1);
        NDArray message = Layers.apply(out, ps, attention.batchMatMul(v), training);
        NDArray x = pixels.add(message).transpose(0, 2, 1).reshape(bn, embed, g, g);

        for (int i = 0; i < 3; i++) {
            x = Layers.upsample2(convolutions.apply(ups[i], ps, x, training));
            NDArray skip = convolutions.apply(skips[i], ps, perImageSkips[i], training);
            x = Activation.relu(Layers.addPerImage(x, skip, n));
        }
        return new NDList(convolutions.apply(head, ps, x, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape h = inputShapes[0];
        return new Shape[] {new Shape(h.get(0), 1, h.get(2) * 8, h.get(3) * 8)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long g = inputShapes[0].get(2);
        Shape tokens = new Shape(1, 2, embed);
        query.initialize(manager, dataType, new Shape(1, g * g, embed));
        key.initialize(manager, dataType, tokens);
        value.initialize(manager, dataType, tokens);
        out.initialize(manager, dataType, new Shape(1, g * g, embed));
        long c = embed;
        long size = g;
        for (int i = 0; i < 3; i++) {
            ups[i].initialize(manager, dataType, new Shape(1, c, size, size));
            size *= 2;
            skips[i].initialize(manager, dataType, inputShapes[3 + i]);
            c = UP[i];
        }
        head.initialize(manager, dataType, new Shape(1, c, size, size));
    }
}
