package org.spagateway.spa.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's autograd off on this thread while a round runs, restored after: the model's parameters require gradients
 * (DJL marks loaded parameters so, for training), so without this every inference operation records a backward graph
 * and keeps its inputs alive for it, and oneDNN is asked for its training kernels. Grad mode is thread-local in
 * PyTorch, like a predictor's use; a {@code GradientCollector} opened inside turns it on again for its own scope.
 */
final class NoGradientScope implements AutoCloseable {

    private final boolean previous;

    private NoGradientScope() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    static NoGradientScope open() {
        return new NoGradientScope();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
