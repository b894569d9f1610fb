package org.spagateway.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The checks of one process, each registered by the service it belongs to under a name such as
 * {@code worker.consumer}. A <em>liveness</em> check fails when the service cannot recover by itself (a thread that
 * should run has ended): an orchestrator restarts the process. A <em>readiness</em> check fails while the service
 * cannot do its work now (a dependency is down, it is still starting): it is taken out of rotation, not restarted.
 * Every liveness check is also a readiness check. A check that throws counts as down. Thread-safe.
 */
public final class HealthChecks {

    /** Which question a check answers. */
    public enum Kind { LIVENESS, READINESS }

    private record Registered(Kind kind, Supplier<Health> check) {
    }

    private final Map<String, Registered> checks = new ConcurrentHashMap<>();

    /** Registers {@code check} under {@code name}, replacing one of that name. */
    public HealthChecks register(String name, Kind kind, Supplier<Health> check) {
        checks.put(name, new Registered(kind, check));
        return this;
    }

    /** Whether the process can go on at all (every liveness check). */
    public HealthReport liveness() {
        return run(Kind.LIVENESS);
    }

    /** Whether the process can do its work now (every check). */
    public HealthReport readiness() {
        return run(Kind.READINESS);
    }

    private HealthReport run(Kind asked) {
        Map<String, Health> results = new LinkedHashMap<>();
        new java.util.TreeMap<>(checks).forEach((name, registered) -> {
            if (asked == Kind.READINESS || registered.kind() == Kind.LIVENESS) {
                results.put(name, safely(registered.check()));
            }
        });
        return new HealthReport(results);
    }

    private static Health safely(Supplier<Health> check) {
        try {
            Health health = check.get();
            return health == null ? Health.down("the check returned nothing") : health;
        } catch (RuntimeException e) {
            return Health.down("the check failed: " + e);
        }
    }
}
