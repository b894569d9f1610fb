package org.spagateway.dicom.listener;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Heap bytes allocated by every thread of this JVM since a starting point, from HotSpot's per-thread allocation
 * counters: what the listener (in this JVM) allocated to handle one request, exact and independent of GC timing.
 * Threads that end in between are not counted; the listener's association threads outlive a test.
 */
final class AllocatedBytes {

    private final com.sun.management.ThreadMXBean threads;
    private final Map<Long, Long> atStart;

    private AllocatedBytes(com.sun.management.ThreadMXBean threads, Map<Long, Long> atStart) {
        this.threads = threads;
        this.atStart = atStart;
    }

    static AllocatedBytes start() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return new AllocatedBytes(threads, snapshot(threads));
    }

    long sinceStart() {
        long total = 0;
        for (Map.Entry<Long, Long> now : snapshot(threads).entrySet()) {
            total += now.getValue() - atStart.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    private static Map<Long, Long> snapshot(com.sun.management.ThreadMXBean threads) {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                byThread.put(ids[i], bytes[i]);
            }
        }
        return byThread;
    }
}
