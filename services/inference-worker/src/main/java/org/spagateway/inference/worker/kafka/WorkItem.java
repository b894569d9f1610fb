package org.spagateway.inference.worker.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumed request waiting for a worker thread. Interactive requests (a clinician waiting on the next round)
 * come before new-study requests; within a lane, arrival order.
 */
record WorkItem(ConsumerRecord<String, byte[]> record, boolean interactive, long sequence)
        implements Comparable<WorkItem> {

    TopicPartition partition() {
        return new TopicPartition(record.topic(), record.partition());
    }

    @Override
    public int compareTo(WorkItem other) {
        if (interactive != other.interactive) {
            return interactive ? -1 : 1;
        }
        return Long.compare(sequence, other.sequence);
    }
}
