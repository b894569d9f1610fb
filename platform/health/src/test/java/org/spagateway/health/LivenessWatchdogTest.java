package org.spagateway.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.spagateway.health.HealthChecks.Kind;

class LivenessWatchdogTest {

    private final List<HealthReport> exits = new CopyOnWriteArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void aServiceThatStaysDeadStopsTheProcessOnceAfterTheFailuresInARow() {
        HealthChecks checks = new HealthChecks().register("worker.consumer", Kind.LIVENESS, () -> {
            runs.incrementAndGet();
            return Health.down("the poll thread has ended");
        });

        try (LivenessWatchdog watchdog = LivenessWatchdog.start(checks, Duration.ofMillis(10), 3, exits::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !exits.isEmpty());
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> exits.size() == 1);
        }

        assertThat(runs).as("the checks stop once the exit is called").hasValue(3);
        assertThat(exits).singleElement().satisfies(report ->
                assertThat(report.checks().get("worker.consumer").detail()).contains("poll thread"));
    }

    @Test
    void aServiceThatRecoversBetweenFailuresNeverStopsTheProcess() {
        HealthChecks checks = new HealthChecks().register("flapping", Kind.LIVENESS,
                () -> runs.incrementAndGet() % 3 == 0 ? Health.up("back") : Health.down("blip"));

        try (LivenessWatchdog watchdog = LivenessWatchdog.start(checks, Duration.ofMillis(10), 3, exits::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 30);
        }

        assertThat(exits).isEmpty();
    }

    @Test
    void readinessChecksNeverStopTheProcess() {
        HealthChecks checks = new HealthChecks()
                .register("fhir.server", Kind.READINESS, () -> Health.down("connection refused"))
                .register("tick", Kind.LIVENESS, () -> {
                    runs.incrementAndGet();
                    return Health.up("alive");
                });

        try (LivenessWatchdog watchdog = LivenessWatchdog.start(checks, Duration.ofMillis(10), 1, exits::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 10);
        }

        assertThat(exits).isEmpty();
    }
}
