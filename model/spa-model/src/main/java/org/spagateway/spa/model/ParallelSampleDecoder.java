package org.spagateway.spa.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.spagateway.spa.model.nn.SpaNetwork;

/**
 * Fcomb and the mask decoder over one round's N samples, split into contiguous shares decoded on {@code threads}
 * threads at once (the calling thread decodes the first share): the sample probability maps [N, S, S].
 *
 * <p>Why not PyTorch's intra-op threads: those split every one of the decoder's operations and wait for each other
 * at its end, dozens of times per round, so on a small or shared machine a stall of either core stalls the whole
 * round (docs/benchmarks.md, the fourth pass of issue 18). Here each thread decodes whole samples and the threads
 * meet once per round. Every sample's values are those of one decode of all N samples: the decoder treats the
 * samples of a batch independently (checked against the one-thread round in {@code SpaPredictorTest}).
 *
 * <p>Each thread has its own {@link ParameterStore} (not thread-safe) and turns autograd off for itself (grad mode
 * is thread-local in PyTorch). Not thread-safe itself: one per predictor.
 */
final class ParallelSampleDecoder implements AutoCloseable {

    /**
     * Samples that go through Fcomb and the decoder together: all N = 48 of the paper's rounds. Each full-resolution
     * intermediate is then about 27 MB; with the allocator settings of docs/worker.md (GLIBC_TUNABLES) those blocks
     * are reused from round to round instead of being returned to the kernel and faulted in again. Smaller chunks
     * were measured slower on 2 cores (more, smaller operations: docs/benchmarks.md).
     */
    static final int SAMPLE_CHUNK = 48;

    private static final AtomicInteger DECODERS = new AtomicInteger();

    private final SpaNetwork network;
    private final ParameterStore[] parameters;
    private final List<Thread> helperThreads = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor helpers;

    /**
     * Starts the {@code threads - 1} helper threads now, so a machine that cannot give them fails here, not in a
     * round.
     *
     * @param callerParameters the calling thread's parameter store (the predictor's), used for the first share
     * @param threads          threads that decode a round's samples together, the caller's included (1: the caller
     *                         alone)
     */
    ParallelSampleDecoder(SpaNetwork network, ParameterStore callerParameters, NDManager manager, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("sample threads must be at least 1, was " + threads);
        }
        this.network = network;
        this.parameters = new ParameterStore[threads];
        parameters[0] = callerParameters;
        for (int i = 1; i < threads; i++) {
            parameters[i] = new ParameterStore(manager, false);
        }
        if (threads == 1) {
            this.helpers = null;
            return;
        }
        int id = DECODERS.incrementAndGet();
        this.helpers = new ThreadPoolExecutor(threads - 1, threads - 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "spa-samples-" + id + "-" + (helperThreads.size() + 1));
                    thread.setDaemon(true);
                    helperThreads.add(thread);
                    return thread;
                });
        helpers.prestartAllCoreThreads();
    }

    int threads() {
        return parameters.length;
    }

    /**
     * The probability maps [N, S, S] of the samples with latents {@code z} [1, N, L], in sample order; their arrays
     * belong to {@code embedding}'s (the round's) manager. Returns only when every thread is done with the round's
     * arrays, also when one of them fails (the caller closes those arrays next).
     */
    NDArray probabilities(NDList embedding, NDArray z, NDArray tokens, RoundClock clock) {
        int samples = (int) z.getShape().get(1);
        int share = (samples + threads() - 1) / threads();
        List<Future<NDArray>> others = new ArrayList<>();
        NDList shares = new NDList();
        try {
            for (int t = 1; t < threads() && t * share < samples; t++) {
                ParameterStore ps = parameters[t];
                int first = t * share;
                int end = Math.min(samples, first + share);
                others.add(helpers.submit(() -> {
                    try (NoGradientScope noGradients = NoGradientScope.open()) {
                        return decode(ps, embedding, z, tokens, first, end, null);
                    }
                }));
            }
            shares.add(decode(parameters[0], embedding, z, tokens, 0, Math.min(samples, share), clock));
        } catch (Throwable own) {
            RuntimeException other = awaitAll(others, shares);
            if (other != null) {
                own.addSuppressed(other);
            }
            throw own;
        }
        RuntimeException failure = awaitAll(others, shares);
        if (failure != null) {
            throw failure;
        }
        NDArray probabilities = shares.size() == 1 ? shares.get(0) : NDArrays.concat(shares);
        clock.lap(RoundClock.Stage.DECODER);
        return probabilities;
    }

    /** Stops the helper threads and waits for them to end (they are idle: a round returns when every share is done). */
    @Override
    public void close() {
        if (helpers == null) {
            return;
        }
        helpers.shutdown();
        boolean interrupted = false;
        for (Thread thread : helperThreads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Samples [first, end) in chunks of {@link #SAMPLE_CHUNK}; laps on {@code clock} when it is the caller's. */
    private NDArray decode(ParameterStore ps, NDList embedding, NDArray z, NDArray tokens, int first, int end,
                           RoundClock clock) {
        NDList chunks = new NDList();
        for (int from = first; from < end; from += SAMPLE_CHUNK) {
            int to = Math.min(end, from + SAMPLE_CHUNK);
            NDArray fused = network.fuse(ps, embedding, z.get(":, " + from + ":" + to));
            lap(clock, RoundClock.Stage.FUSION);
            chunks.add(Activation.sigmoid(network.decode(ps, fused, tokens, embedding).get(0)));
            lap(clock, RoundClock.Stage.DECODER);
        }
        return chunks.size() == 1 ? chunks.get(0) : NDArrays.concat(chunks);
    }

    private static void lap(RoundClock clock, RoundClock.Stage stage) {
        if (clock != null) {
            clock.lap(stage);
        }
    }

    /**
     * Waits for every other thread's share (through interrupts: their arrays must not be closed under them, the
     * interrupt is kept for the caller) and appends it; returns the first failure, or null.
     */
    private static RuntimeException awaitAll(List<Future<NDArray>> others, NDList shares) {
        RuntimeException failure = null;
        boolean interrupted = false;
        for (Future<NDArray> other : others) {
            while (true) {
                try {
                    shares.add(other.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException runtime ? runtime
                                : new IllegalStateException("a sample thread failed", e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }
}
