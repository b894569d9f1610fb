package org.spagateway.reporting.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An event stream on a Jetty 12 response held open: frames are queued and written one at a time with asynchronous
 * writes (Jetty allows one pending write per response), so the hub's threads never wait on a client, and no request
 * thread is held while the stream is open. A client that falls {@value #MAX_PENDING} frames behind, or whose write
 * fails (it went away), is dropped; closing writes the last, empty chunk and completes the request.
 */
final class JettyEventStreamSink implements EventStreamSink {

    static final int MAX_PENDING = 64;

    private final Response response;
    private final Callback done;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private final List<Runnable> closeActions = new ArrayList<>();
    private boolean writing;
    private boolean closing;
    private boolean closed;

    /** @param done the handler's callback: completed when the stream ends */
    JettyEventStreamSink(Response response, Callback done) {
        this.response = response;
        this.done = done;
    }

    @Override
    public boolean send(byte[] frame) {
        synchronized (this) {
            if (closing || closed) {
                return false;
            }
            if (pending.size() < MAX_PENDING) {
                pending.add(frame);
                if (!writing) {
                    writeNext();
                }
                return true;
            }
        }
        failed(new IOException("the client fell " + MAX_PENDING + " events behind"));
        return false;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing || closed) {
                return;
            }
            closing = true;
            if (writing) {
                return;
            }
        }
        finish();
    }

    @Override
    public void onClosed(Runnable action) {
        synchronized (this) {
            if (!closed) {
                closeActions.add(action);
                return;
            }
        }
        action.run();
    }

    /** Holding the lock: writes the next frame, or finishes a requested close once the queue is drained. */
    private void writeNext() {
        byte[] next = pending.poll();
        if (next == null) {
            writing = false;
            if (closing) {
                // Jetty's completion of the request never calls back into this sink: safe under the lock.
                finish();
            }
            return;
        }
        writing = true;
        response.write(false, ByteBuffer.wrap(next), Callback.from(this::written, this::failed));
    }

    private void written() {
        synchronized (this) {
            if (!closed) {
                writeNext();
            }
        }
    }

    private void finish() {
        List<Runnable> actions;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pending.clear();
            actions = List.copyOf(closeActions);
        }
        response.write(true, ByteBuffer.allocate(0), done);
        actions.forEach(Runnable::run);
    }

    private void failed(Throwable failure) {
        List<Runnable> actions;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pending.clear();
            actions = List.copyOf(closeActions);
        }
        done.failed(failure);
        actions.forEach(Runnable::run);
    }
}
