package org.spagateway.spa.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.SplittableRandom;
import org.spagateway.spa.model.Tensors;

/**
 * SAM-style point prompt ("feedback") encoder: random Fourier features of the click position plus a learned
 * embedding per label (positive, negative, padding = "not a point"). The Fourier matrix is a fixed Gaussian
 * drawn from a constant seed and rebuilt in code (SAM keeps it as a buffer).
 *
 * <p>Inputs: points [B, P, 2] as (x = column, y = row) in [0, 1]; labels one-hot [B, P, 3] (positive, negative,
 * padding). Output: tokens [B, P, D] with D = 2 * features.
 */
public final class PromptEncoder extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final long FOURIER_SEED = 0x5350414L;

    private final int dim;
    private final float[] gaussian;
    private final Parameter labelEmbedding;

    public PromptEncoder(int dim) {
        super(VERSION);
        if (dim % 2 != 0) {
            throw new IllegalArgumentException("prompt dimension must be even");
        }
        this.dim = dim;
        int features = dim / 2;
        SplittableRandom random = new SplittableRandom(FOURIER_SEED);
        gaussian = new float[2 * features];
        for (int i = 0; i < gaussian.length; i++) {
            gaussian[i] = (float) random.nextGaussian();
        }
        labelEmbedding = addParameter(Parameter.builder().setName("labelEmbedding").setType(Parameter.Type.OTHER)
                .optShape(new Shape(3, dim)).optInitializer(new NormalInitializer(1f)).build());
    }

    /** Fourier positional encoding of coordinates [..., 2] in [0, 1]: [..., D]. */
    public NDArray positional(NDArray coords) {
        NDArray g = Tensors.create(coords.getManager(), gaussian, new Shape(2, dim / 2))
                .toType(coords.getDataType(), false);
        NDArray projected = coords.mul(2).sub(1).matMul(g).mul((float) (2 * Math.PI));
        return projected.sin().concat(projected.cos(), -1);
    }

    /** Positional encoding of the centres of a grid x grid lattice: [grid * grid, D], row-major. */
    public NDArray densePositional(NDManager manager, int grid) {
        float[] coords = new float[grid * grid * 2];
        for (int y = 0; y < grid; y++) {
            for (int x = 0; x < grid; x++) {
                coords[(y * grid + x) * 2] = (x + 0.5f) / grid;
                coords[(y * grid + x) * 2 + 1] = (y + 0.5f) / grid;
            }
        }
        return positional(Tensors.create(manager, coords, new Shape(grid * grid, 2)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray points = inputs.get(0);
        NDArray labels = inputs.get(1);
        NDArray embedding = ps.getValue(labelEmbedding, points.getDevice(), training);
        NDArray notPadding = labels.get(":, :, 2:3").neg().add(1);
        NDArray pe = positional(points).mul(notPadding);
        return new NDList(pe.add(labels.matMul(embedding)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape p = inputShapes[0];
        return new Shape[] {new Shape(p.get(0), p.get(1), dim)};
    }
}
