package org.spagateway.app;

import java.util.Set;
import java.util.stream.Collectors;

/** Snapshot of live non-daemon threads: what would keep a JVM from exiting after the gateway is closed. */
final class GatewayThreads {

    private GatewayThreads() {
    }

    static Set<String> nonDaemon() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> !thread.isDaemon())
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
