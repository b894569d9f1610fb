package org.spagateway.preference.profiles;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.spagateway.events.Topic;

/**
 * How far the profiles application has got through the choice log, from the offsets it committed. Under exactly-once
 * an offset commits in the same transaction as the profile updates and ProfileUpdated records of the choices before
 * it, so a committed offset at the log's end means every profile is up to date and every ProfileUpdated visible.
 */
public final class ChoiceLogProgress {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final String applicationId;

    public ChoiceLogProgress(Admin admin, String applicationId) {
        this.admin = admin;
        this.applicationId = applicationId;
    }

    /** The current end offset of each partition of {@code spa.choice.applied}. */
    public Map<TopicPartition, Long> endOffsets() {
        try {
            TopicDescription topic = admin.describeTopics(List.of(Topic.CHOICE_APPLIED.name())).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(Topic.CHOICE_APPLIED.name());
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            topic.partitions().forEach(p -> request.put(new TopicPartition(topic.name(), p.partition()),
                    OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(request).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = new HashMap<>();
            offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
            return Map.copyOf(ends);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + Topic.CHOICE_APPLIED.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Records of the choice log before {@code targets} that the application has not committed yet. */
    public long remaining(Map<TopicPartition, Long> targets) {
        Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets();
        long remaining = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            OffsetAndMetadata offset = committed.get(target.getKey());
            remaining += Math.max(0, target.getValue() - (offset == null ? 0 : offset.offset()));
        }
        return remaining;
    }

    /**
     * Waits until the application has committed up to {@code targets}.
     *
     * @return whether it did within {@code timeout}
     */
    public boolean awaitCommitted(Map<TopicPartition, Long> targets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (remaining(targets) > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return true;
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    present.put(partition, offset);
                }
            });
            return present;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the committed offsets of group " + applicationId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
