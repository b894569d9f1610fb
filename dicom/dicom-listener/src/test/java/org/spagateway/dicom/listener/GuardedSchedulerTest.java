package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardedSchedulerTest {

    private final List<Integer> exits = new CopyOnWriteArrayList<>();
    private final GuardedScheduler scheduler = new GuardedScheduler("a test", runnable -> {
        Thread thread = new Thread(runnable, "guarded-test");
        thread.setDaemon(true);
        return thread;
    }, new FatalErrorExit(exits::add));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void anErrorInAScheduledTaskEndsTheProcess() {
        scheduler.schedule(() -> {
            throw new OutOfMemoryError("injected");
        }, 1, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> exits.equals(List.of(FatalErrorExit.STATUS)));
    }

    @Test
    void anExceptionInAScheduledTaskIsLoggedAndLaterTasksStillRun() throws InterruptedException {
        CountDownLatch later = new CountDownLatch(1);
        scheduler.schedule(() -> {
            throw new IllegalStateException("a defect");
        }, 1, TimeUnit.MILLISECONDS);
        scheduler.schedule(later::countDown, 20, TimeUnit.MILLISECONDS);

        assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(exits).isEmpty();
    }
}
