package org.spagateway.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The achievable FP32 peak of this machine through the same engine and intra-op threads as the model: a large
 * single-precision matrix multiply (n x n by n x n, 2 n^3 FLOPs) through PyTorch's CPU kernels, best of several
 * repetitions. A nominal peak (cores x GHz x FLOP/cycle) assumes the widest vector unit at full clock, which a
 * virtual, shared or down-clocked core does not deliver; a ratio against what a GEMM reaches in the same run says
 * how well the round uses what this machine actually offers.
 */
final class MatmulPeak {

    private MatmulPeak() {
    }

    /** GFLOP/s of the fastest of {@code repetitions} multiplies of two n x n FP32 matrices (after one warm-up). */
    static double measure(int n, int repetitions) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = manager.randomUniform(-1, 1, new Shape(n, n));
            a.matMul(b).close();
            long best = Long.MAX_VALUE;
            for (int i = 0; i < repetitions; i++) {
                long t0 = System.nanoTime();
                NDArray c = a.matMul(b);
                long t1 = System.nanoTime();
                c.close();
                best = Math.min(best, t1 - t0);
            }
            return 2.0 * n * n * (double) n / best;
        }
    }
}
