package org.spagateway.reporting.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.Topic;

/**
 * The interactive backlog as Kafka knows it: for every partition of {@code spa.inference.interactive}, the records
 * past the workers' committed offset (a worker commits a request once its results are acknowledged, so a request in
 * progress still counts). Measured at most once per {@code refresh} (two admin requests), so a burst of choices costs
 * one measurement; a measurement that fails or takes over two seconds gives no answer.
 */
final class KafkaInteractiveBacklog implements InteractiveBacklog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaInteractiveBacklog.class);
    private static final long TIMEOUT_MS = 2_000;

    private final Admin admin;
    private final String workerGroup;
    private final Clock clock;
    private final Duration refresh;
    private OptionalLong last = OptionalLong.empty();
    private Instant measuredAt = Instant.MIN;

    KafkaInteractiveBacklog(Map<String, Object> adminProperties, String workerGroup, Clock clock, Duration refresh) {
        this.admin = Admin.create(adminProperties);
        this.workerGroup = workerGroup;
        this.clock = clock;
        this.refresh = refresh;
    }

    @Override
    public synchronized OptionalLong waiting() {
        Instant now = clock.instant();
        if (Duration.between(measuredAt, now).compareTo(refresh) >= 0) {
            last = measure();
            measuredAt = now;
        }
        return last;
    }

    private OptionalLong measure() {
        String topic = Topic.INFERENCE_INTERACTIVE.name();
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(workerGroup)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            long waiting = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long from = done == null ? starts.get(partition) : Math.max(done.offset(), starts.get(partition));
                waiting += Math.max(0, ends.get(partition) - from);
            }
            return OptionalLong.of(waiting);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warn("Cannot measure the interactive backlog ({}); not refusing for it", e.toString());
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> spec))).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
