package org.spagateway.inference.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("spa.inference.requested", 0);
    private static final TopicPartition P1 = new TopicPartition("spa.inference.requested", 1);

    @Test
    void neverCommitsPastARecordStillInWork() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 10);
        tracker.started(P0, 11);
        tracker.started(P0, 12);
        tracker.finished(P0, 11);
        tracker.finished(P0, 12);

        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 10L));

        tracker.finished(P0, 10);
        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 13L));
        assertThat(tracker.committable()).as("nothing moved").isEmpty();
    }

    @Test
    void tracksPartitionsIndependentlyAndForgetsRevokedOnes() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 5);
        tracker.started(P1, 7);
        tracker.finished(P1, 7);

        assertThat(tracker.committable()).containsOnly(Map.entry(P0, 5L), Map.entry(P1, 8L));
        tracker.forget(List.of(P0));
        assertThat(tracker.inWork()).isZero();
        tracker.finished(P0, 5);
        assertThat(tracker.committable()).isEmpty();
    }
}
