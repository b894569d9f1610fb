package org.spagateway.reporting.api;

import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Counts every answer of the handler it wraps in {@link ChoiceApiMetrics}, those given before the body (401) and
 * after a slow one (408, 413) included: the status is read when the answer has been written.
 */
final class MeteredApiHandler extends Handler.Wrapper {

    private final ChoiceApiMetrics metrics;

    MeteredApiHandler(Handler handler, ChoiceApiMetrics metrics) {
        super(handler);
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        return super.handle(request, response, new Callback() {
            @Override
            public void succeeded() {
                metrics.answered(method, path, response.getStatus(), Duration.ofNanos(System.nanoTime() - started));
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                metrics.answered(method, path, response.getStatus(), Duration.ofNanos(System.nanoTime() - started));
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        });
    }
}
