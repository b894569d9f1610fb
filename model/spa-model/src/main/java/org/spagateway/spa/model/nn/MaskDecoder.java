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
        NDList skipFeatures = skipFeatures(ps, inputs.get(3), inputs.get(4), inputs.get(5), training);
        return new NDList(decode(ps, inputs.get(0), inputs.get(1), inputs.get(2), skipFeatures, training));
    }

    /** The skip projections of the encoder features f4, f2, f1 (per image, shared by all N samples). */
    NDList skipFeatures(ParameterStore ps, NDArray f4, NDArray f2, NDArray f1, boolean training) {
        NDArray[] features = {f4, f2, f1};
        NDList out = new NDList(3);
        for (int i = 0; i < 3; i++) {
            out.add(convolutions.apply(skips[i], ps, features[i], training));
        }
        return out;
    }

    /**
     * The skip projections as {@link #decodeForInference} takes them: the first two as they are, the full-resolution
     * one as the {@link PolyphaseHead#skipPhases} of the head.
     */
    NDList inferenceSkipFeatures(ParameterStore ps, NDArray f4, NDArray f2, NDArray f1) {
        NDList plain = skipFeatures(ps, f4, f2, f1, false);
        return new NDList(plain.get(0), plain.get(1), PolyphaseHead.skipPhases(plain.get(2)));
    }

    /**
     * Logits [B*N, 1, S, S] from e_xn, the tokens, the dense positional encoding and the skip projections: the
     * network's decoder as it is trained (and the reference for {@link #decodeForInference}).
     */
    NDArray decode(ParameterStore ps, NDArray h, NDArray tokens, NDArray pe, NDList skipFeatures, boolean training) {
        long n = h.getShape().get(0) / tokens.getShape().get(0);
        NDArray x = attend(ps, h, tokens, pe, training);
        for (int i = 0; i < 3; i++) {
            x = Layers.upsample2(convolutions.apply(ups[i], ps, x, training));
            x = Activation.relu(Layers.addPerImage(x, skipFeatures.get(i), n));
        }
        return convolutions.apply(head, ps, x, training);
    }

    /**
     * {@link #decode} at inference, the same values to float32 rounding, with less memory traffic and without
     * oneDNN's narrow kernels: the first two nearest 2x upsamplings and their skip additions are
     * {@link Layers#upsampleAdd} (columns doubled, rows broadcast in the addition), and the last upsampling, skip
     * addition and the 3x3 head (8 -> 1 channel at full resolution) are one {@link PolyphaseHead} at the low
     * resolution.
     */
    NDArray decodeForInference(ParameterStore ps, NDArray h, NDArray tokens, NDArray pe, NDList skipFeatures) {
        // h: channels-last [B*N, G*G, E] (LatentFusion.fuseChannelsLast)
        long b = tokens.getShape().get(0);
        long n = h.getShape().get(0) / b;
        long gg = h.getShape().get(1);
        long g = Math.round(Math.sqrt(gg));
        NDArray x = attendChannelsLast(ps, h, tokens, pe, false).transpose(0, 2, 1).reshape(b * n, embed, g, g);
        for (int i = 0; i < 2; i++) {
            x = Activation.relu(Layers.upsampleAdd(convolutions.apply(ups[i], ps, x, false), skipFeatures.get(i), n));
        }
        // The last upsampling stage's convolution, one pixel larger on every side: the head's border.
        int border = PolyphaseHead.BORDER + 1;
        NDArray last = Conv2d.conv2d(x, parameter(ps, ups[2], "weight", x), parameter(ps, ups[2], "bias", x),
                new Shape(1, 1), new Shape(border, border), new Shape(1, 1)).singletonOrThrow();
        return PolyphaseHead.apply(last, skipFeatures.get(2), parameter(ps, head, "weight", x),
                parameter(ps, head, "bias", x));
    }

    private static NDArray parameter(ParameterStore ps, Conv2d conv, String name, NDArray like) {
        return ps.getValue(conv.getParameters().get(name), like.getDevice(), false);
    }

    /** Each embedding pixel (plus its position) attends to the prompt tokens: [B*N, E, G, G]. */
    private NDArray attend(ParameterStore ps, NDArray h, NDArray tokens, NDArray pe, boolean training) {
        Shape hs = h.getShape();
        long bn = hs.get(0);
        long g = hs.get(2);
        NDArray pixels = h.reshape(bn, embed, g * g).transpose(0, 2, 1);
        return attendChannelsLast(ps, pixels, tokens, pe, training).transpose(0, 2, 1).reshape(bn, embed, g, g);
    }

    /**
     * Each pixel [B*N, G*G, E] (plus its position) attends to its image's prompt tokens [B, T, E]: the N samples of
     * an image share one key and value matrix, so the scores are one batched product per image. Channels-last out.
     */
    private NDArray attendChannelsLast(ParameterStore ps, NDArray pixels, NDArray tokens, NDArray pe,
                                       boolean training) {
        Shape shape = pixels.getShape();
        long bn = shape.get(0);
        long gg = shape.get(1);
        long b = tokens.getShape().get(0);
        long n = bn / b;
        NDArray q = Layers.apply(query, ps, pixels.add(pe), training).reshape(b, n * gg, ATTENTION_DIM);
        NDArray k = Layers.apply(key, ps, tokens, training);
        NDArray v = Layers.apply(value, ps, tokens, training);
        NDArray attention = Tensors.mul(q.batchMatMul(k.transpose(0, 2, 1)), (float) (1 / Math.sqrt(ATTENTION_DIM)))
                .softmax(-1);
        NDArray message = Layers.apply(out, ps, attention.batchMatMul(v), training).reshape(bn, gg, embed);
        return pixels.add(message);
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
