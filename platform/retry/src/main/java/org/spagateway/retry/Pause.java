package org.spagateway.retry;

import java.time.Duration;

/** Waits between attempts; a seam so retry decisions are tested without waiting. */
@FunctionalInterface
public interface Pause {

    /** Blocks the calling thread; the real one is {@code Thread.sleep}. */
    Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

    void pause(Duration duration) throws InterruptedException;
}
