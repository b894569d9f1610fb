package org.spagateway.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The achievable FP32 peak of this machine through the same engine and threads as the model: large
 * single-precision matrix multiplies (n x n by n x n, 2 n^3 FLOPs each) through PyTorch's CPU kernels, best of
 * several repetitions; with several streams (a round's sample threads), that many multiplies at once, one per thread,
 * each with the engine's intra-op threads. A nominal peak (cores x GHz x FLOP/cycle) assumes the widest vector unit
 * at full clock, which a virtual, shared or down-clocked core does not deliver; a ratio against what a GEMM reaches
 * in the same run says how well the round uses what this machine actually offers.
 */
final class MatmulPeak {

    private MatmulPeak() {
    }

    /**
     * GFLOP/s of the fastest of {@code repetitions} rounds of {@code streams} multiplies of two n x n FP32 matrices
     * at once (after one warm-up round).
     */
    static double measure(int n, int repetitions, int streams) throws InterruptedException {
        ExecutorService threads = streams == 1 ? null : Executors.newFixedThreadPool(streams);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            List<Callable<Void>> multiplies = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                NDArray a = manager.randomUniform(-1, 1, new Shape(n, n));
                NDArray b = manager.randomUniform(-1, 1, new Shape(n, n));
                multiplies.add(() -> {
                    a.matMul(b).close();
                    return null;
                });
            }
            runAll(threads, multiplies);
            long best = Long.MAX_VALUE;
            for (int i = 0; i < repetitions; i++) {
                long t0 = System.nanoTime();
                runAll(threads, multiplies);
                best = Math.min(best, System.nanoTime() - t0);
            }
            return 2.0 * streams * n * n * (double) n / best;
        } finally {
            if (threads != null) {
                threads.shutdown();
            }
        }
    }

    /**
     * GFLOP/s of the fastest of {@code repetitions} multiplies of two n x n FP32 matrices on one thread of its own
     * with {@code intraOpThreads} PyTorch intra-op threads, whatever the engine's setting; the setting is restored
     * after (PyTorch keeps it per thread, and gives threads started later its last value). Assumes the engine's
     * setting was made explicitly ({@code ai.djl.pytorch.num_threads}, as the round benchmark does): PyTorch's "not
     * set" cannot be restored, and would come back as the default it resolved to.
     */
    static double measureWithIntraOpThreads(int n, int repetitions, int intraOpThreads)
            throws InterruptedException {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(() -> {
                int configured = JniUtils.getNumThreads();
                JniUtils.setNumThreads(intraOpThreads);
                try {
                    return measure(n, repetitions, 1);
                } finally {
                    JniUtils.setNumThreads(configured);
                }
            }).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the peak multiply failed", e.getCause());
        } finally {
            thread.shutdown();
        }
    }

    /** The multiplies at once on {@code threads}, or on the calling thread when there is one. */
    private static void runAll(ExecutorService threads, List<Callable<Void>> multiplies) throws InterruptedException {
        if (threads == null) {
            try {
                multiplies.get(0).call();
            } catch (Exception e) {
                throw new IllegalStateException("a peak multiply failed", e);
            }
            return;
        }
        for (Future<Void> multiply : threads.invokeAll(multiplies)) {
            try {
                multiply.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a peak multiply failed", e.getCause());
            }
        }
    }
}
