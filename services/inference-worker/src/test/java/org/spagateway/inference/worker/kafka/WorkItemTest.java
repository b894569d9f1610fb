package org.spagateway.inference.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.PriorityBlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class WorkItemTest {

    @Test
    void interactiveRequestsAreServedBeforeNewStudiesThenInArrivalOrder() {
        PriorityBlockingQueue<WorkItem> queue = new PriorityBlockingQueue<>();
        queue.add(item("spa.inference.requested", false, 0));
        queue.add(item("spa.inference.requested", false, 1));
        queue.add(item("spa.inference.interactive", true, 2));
        queue.add(item("spa.inference.requested", false, 3));
        queue.add(item("spa.inference.interactive", true, 4));

        List<Long> order = new ArrayList<>();
        while (!queue.isEmpty()) {
            order.add(queue.poll().sequence());
        }
        assertThat(order).containsExactly(2L, 4L, 0L, 1L, 3L);
    }

    private static WorkItem item(String topic, boolean interactive, long sequence) {
        return new WorkItem(new ConsumerRecord<>(topic, 0, sequence, "k", new byte[0]), interactive, sequence);
    }
}
