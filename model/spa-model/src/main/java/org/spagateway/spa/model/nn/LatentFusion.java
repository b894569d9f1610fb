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

/**
 * The paper's Fcomb (from the Probabilistic U-Net): z is tiled over the embedding grid, concatenated with e_x and
 * passed through three 1x1 convolutions, each followed by ReLU, giving the preference-aware embedding e_{x_n}.
 *
 * <p>The first 1x1 convolution over the concatenation [e_x; z] is computed as W_e e_x + W_z z, which is the same
 * linear map: W_e e_x runs once per image and W_z z is a per-sample vector broadcast over the grid, so the
 * N-fold work starts at the second layer. Inputs: e [B, E, G, G], z [B, N, L]. Output: [B*N, E, G, G].
 *
 * <p>At inference the same layers run channels-last ({@link #imageTermChannelsLast}, {@link #fuseChannelsLast}):
 * each 1x1 convolution is then one matrix product over all pixels of the batch, with no layout reorders, and the
 * decoder's attention reads its pixels without a transposition.
 */
public final class LatentFusion extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int embed;
    private final int latent;
    private final TrainingConvolution convolutions;
    private final Conv2d imagePart;
    private final Linear latentPart;
    private final Conv2d second;
    private final Conv2d third;

    LatentFusion(int embedChannels, int latentDim, TrainingConvolution convolutions) {
        super(VERSION);
        this.embed = embedChannels;
        this.latent = latentDim;
        this.convolutions = convolutions;
        imagePart = addChildBlock("imagePart", Layers.conv(embedChannels, 1, 1));
        latentPart = addChildBlock("latentPart", Layers.linear(embedChannels, false));
        second = addChildBlock("second", Layers.conv(embedChannels, 1, 1));
        third = addChildBlock("third", Layers.conv(embedChannels, 1, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(fuse(ps, imageTerm(ps, inputs.get(0), training), inputs.get(1), training));
    }

    /** W_e e_x + b [B, 1, E, G, G]: the per-image half of the first layer, computed once per image. */
    NDArray imageTerm(ParameterStore ps, NDArray e, boolean training) {
        return convolutions.apply(imagePart, ps, e, training).expandDims(1);
    }

    /** e_{x_n} [B*N, E, G, G] from the image term of {@link #imageTerm} and z [B, N, L]. */
    NDArray fuse(ParameterStore ps, NDArray imageTerm, NDArray z, boolean training) {
        Shape ts = imageTerm.getShape();
        long b = ts.get(0);
        long g = ts.get(3);
        long n = z.getShape().get(1);
        NDArray fromLatent = Layers.apply(latentPart, ps, z, training).reshape(b, n, embed, 1, 1);
        NDArray h = Activation.relu(imageTerm.add(fromLatent)).reshape(b * n, embed, g, g);
        h = Activation.relu(convolutions.apply(second, ps, h, training));
        return Activation.relu(convolutions.apply(third, ps, h, training));
    }

    /** {@link #imageTerm} channels-last, computed once per image: [B, 1, G*G, E]. */
    NDArray imageTermChannelsLast(ParameterStore ps, NDArray e) {
        Shape es = e.getShape();
        long pixels = es.get(2) * es.get(3);
        return convolutions.apply(imagePart, ps, e, false).reshape(es.get(0), 1, embed, pixels).transpose(0, 1, 3, 2)
                .reshape(es.get(0), 1, pixels, embed);
    }

    /**
     * {@link #fuse} at inference, channels-last: e_{x_n} [B*N, G*G, E] from {@link #imageTermChannelsLast} and
     * z [B, N, L], the same values to float32 rounding.
     */
    NDArray fuseChannelsLast(ParameterStore ps, NDArray imageTerm, NDArray z) {
        Shape ts = imageTerm.getShape();
        long b = ts.get(0);
        long pixels = ts.get(2);
        long n = z.getShape().get(1);
        NDArray fromLatent = Layers.apply(latentPart, ps, z, false).reshape(b, n, 1, embed);
        NDArray h = Activation.relu(imageTerm.add(fromLatent)).reshape(b * n, pixels, embed);
        h = Activation.relu(pointwise(ps, second, h));
        return Activation.relu(pointwise(ps, third, h));
    }

    /** A 1x1 convolution applied to channels-last features [..., E] as the matrix product it is. */
    private static NDArray pointwise(ParameterStore ps, Conv2d conv, NDArray x) {
        NDArray weight = ps.getValue(conv.getParameters().get("weight"), x.getDevice(), false);
        NDArray bias = ps.getValue(conv.getParameters().get("bias"), x.getDevice(), false);
        Shape ws = weight.getShape();
        // A view of the weights belongs to the weights' (the model's) manager: give it to x's, so it goes with the
        // round instead of accumulating in the model.
        NDArray matrix = weight.reshape(ws.get(0), ws.get(1));
        matrix.attach(x.getManager());
        return Linear.linear(x, matrix, bias).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape e = inputShapes[0];
        long n = inputShapes[1].get(1);
        return new Shape[] {new Shape(e.get(0) * n, embed, e.get(2), e.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape e = inputShapes[0];
        imagePart.initialize(manager, dataType, e);
        latentPart.initialize(manager, dataType, new Shape(1, 1, latent));
        Shape perSample = new Shape(1, embed, e.get(2), e.get(3));
        second.initialize(manager, dataType, perSample);
        third.initialize(manager, dataType, perSample);
    }
}
