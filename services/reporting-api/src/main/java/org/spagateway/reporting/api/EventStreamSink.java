package org.spagateway.reporting.api;

/**
 * One open event stream as {@link SessionEventHub} writes it: frames go out in order, never blocking the caller;
 * a stream that cannot keep up, or whose client went away, is closed and tells the hub through {@code onClosed}.
 */
interface EventStreamSink {

    /** Queues a frame; false when the stream is closed (or was closed now because it fell too far behind). */
    boolean send(byte[] frame);

    /** Ends the stream (the response completes); idempotent. */
    void close();

    /** Runs {@code action} once when the stream ends, whoever ended it; at once if it already has. */
    void onClosed(Runnable action);
}
