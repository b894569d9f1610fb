package org.spagateway.inference.worker.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed while records of one partition are processed out of order by several threads:
 * the committed offset never passes a record that is still in work, so a crash reprocesses every unfinished
 * record (at-least-once; the side effects are idempotent). Thread-safe.
 */
public final class OffsetTracker {

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();

    private static final class PartitionState {
        final TreeSet<Long> inWork = new TreeSet<>();
        long next = -1;
        long committed = -1;
    }

    public synchronized void started(TopicPartition partition, long offset) {
        PartitionState state = partitions.computeIfAbsent(partition, p -> new PartitionState());
        state.inWork.add(offset);
        state.next = Math.max(state.next, offset + 1);
    }

    public synchronized void finished(TopicPartition partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state != null) {
            state.inWork.remove(offset);
        }
    }

    /** The offsets to commit now (next offset to read per partition), each returned once until it moves. */
    public synchronized Map<TopicPartition, Long> committable() {
        Map<TopicPartition, Long> out = new HashMap<>();
        partitions.forEach((partition, state) -> {
            long offset = state.inWork.isEmpty() ? state.next : state.inWork.first();
            if (offset > state.committed) {
                state.committed = offset;
                out.put(partition, offset);
            }
        });
        return out;
    }

    /** Forgets partitions this consumer no longer owns (their records are someone else's now). */
    public synchronized void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }

    public synchronized int inWork() {
        return partitions.values().stream().mapToInt(state -> state.inWork.size()).sum();
    }
}
