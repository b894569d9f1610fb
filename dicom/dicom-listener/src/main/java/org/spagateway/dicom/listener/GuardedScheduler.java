package org.spagateway.dicom.listener;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-thread scheduler whose tasks cannot fail unseen. A scheduled task's exception is kept in its future, where
 * nobody looks, so neither an {@link OutOfMemoryError} nor a defect would reach a thread's uncaught-exception handler:
 * here an error ends the process through {@link FatalErrorExit}, and any other exception is logged.
 */
final class GuardedScheduler extends ScheduledThreadPoolExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedScheduler.class);

    private final String name;
    private final FatalErrorExit fatal;

    GuardedScheduler(String name, ThreadFactory threads, FatalErrorExit fatal) {
        super(1, threads);
        this.name = name;
        this.fatal = fatal;
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
        super.afterExecute(task, thrown);
        Throwable failure = thrown;
        if (failure == null && task instanceof Future<?> future && future.isDone()) {
            try {
                future.get();
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (CancellationException | InterruptedException e) {
                return;
            }
        }
        if (failure instanceof Error) {
            fatal.exit("A task of " + name, failure);
        } else if (failure != null) {
            LOG.error("A task of {} failed", name, failure);
        }
    }
}
