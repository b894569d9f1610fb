package org.spagateway.dicom.listener;

import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the process when the listener can no longer be trusted to go on: an {@link OutOfMemoryError} may have struck any
 * thread halfway through an update (a half-built response, a lock never released, an event never queued), and a
 * listener limping on after it answers modalities wrongly or not at all. The process exits non-zero for its supervisor
 * (systemd, a container restart policy, Kubernetes) to start a fresh one; nothing acknowledged is lost, because every
 * C-STORE success follows a durable write and every undelivered event is a file in the outbox.
 *
 * <p>It halts ({@link Runtime#halt}) rather than exits: {@link System#exit} runs the shutdown hooks and waits for
 * them, and after an out-of-memory error a hook can block on a lock a dead thread held, or fail for want of memory,
 * leaving the process up and useless.
 */
public final class FatalErrorExit {

    /** The status HotSpot's own {@code -XX:+ExitOnOutOfMemoryError} exits with: one code for "out of memory". */
    static final int STATUS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(FatalErrorExit.class);

    private final IntConsumer halt;

    /** @param halt ends the process with the status given (tests record it instead) */
    FatalErrorExit(IntConsumer halt) {
        this.halt = halt;
    }

    /** The real one: {@code Runtime.getRuntime().halt(3)}. */
    public static FatalErrorExit halting() {
        return new FatalErrorExit(status -> Runtime.getRuntime().halt(status));
    }

    /**
     * Logs what happened (if that is still possible) and ends the process.
     *
     * @param where the thread or task that hit the error, for the log
     */
    void exit(String where, Throwable error) {
        try {
            LOG.error("{} failed with {}: exiting with status {} to be restarted", where, error, STATUS);
        } catch (Throwable ignored) {
            // logging may itself fail for want of memory; exiting matters more
        }
        halt.accept(STATUS);
    }
}
