package org.spagateway.health;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a service that cannot go on stops its process: every {@code period} the liveness checks run, and after
 * {@code failuresToExit} failed runs in a row the watchdog logs the report and calls {@code exit} (in service,
 * {@link #SYSTEM_EXIT}: exit status {@value #EXIT_STATUS}, for the supervisor or orchestrator to restart the
 * process). So no service limps on with a dead consumer thread, a Streams client in ERROR or a listener that stopped
 * accepting, and no service needs to know how the process ends.
 */
public final class LivenessWatchdog implements AutoCloseable {

    /** EX_SOFTWARE of sysexits.h: an internal error the process cannot recover from. */
    public static final int EXIT_STATUS = 70;
    /** Ends the JVM with {@value #EXIT_STATUS}, from a thread of its own so no caller is held by the shutdown hooks. */
    public static final Consumer<HealthReport> SYSTEM_EXIT = report -> {
        Thread exit = new Thread(() -> System.exit(EXIT_STATUS), "spa-liveness-exit");
        exit.start();
    };
    private static final Logger LOG = LoggerFactory.getLogger(LivenessWatchdog.class);

    private final ScheduledExecutorService scheduler;
    private final HealthChecks checks;
    private final int failuresToExit;
    private final Consumer<HealthReport> exit;
    private int failures;
    private boolean exited;

    private LivenessWatchdog(HealthChecks checks, int failuresToExit, Consumer<HealthReport> exit) {
        this.checks = checks;
        this.failuresToExit = failuresToExit;
        this.exit = exit;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "spa-liveness-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static LivenessWatchdog start(HealthChecks checks, Duration period, int failuresToExit,
                                         Consumer<HealthReport> exit) {
        if (failuresToExit < 1) {
            throw new IllegalArgumentException("failuresToExit must be at least 1: " + failuresToExit);
        }
        LivenessWatchdog watchdog = new LivenessWatchdog(checks, failuresToExit, exit);
        watchdog.scheduler.scheduleWithFixedDelay(watchdog::check, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        return watchdog;
    }

    private synchronized void check() {
        if (exited) {
            return;
        }
        HealthReport report = checks.liveness();
        if (report.up()) {
            failures = 0;
            return;
        }
        failures++;
        LOG.error("Liveness check failed ({} of {} in a row): {}", failures, failuresToExit, report.toJson());
        if (failures >= failuresToExit) {
            exited = true;
            LOG.error("A service of this process cannot go on: exiting with status {} to be restarted", EXIT_STATUS);
            exit.accept(report);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
