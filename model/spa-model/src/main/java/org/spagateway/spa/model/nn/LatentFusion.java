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
