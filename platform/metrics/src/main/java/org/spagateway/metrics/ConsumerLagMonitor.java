package org.spagateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.kafka.support.KafkaConfig;

/**
 * The consumer lag of the consumer groups a process runs, as the broker knows it: per group and topic, the records
 * past the group's committed offsets (every consumer of this project commits a record only after its side effects,
 * so a record in progress still counts). A gauge {@value #METRIC} per group and topic, measured every
 * {@code period} on a thread of its own (a scrape never waits on Kafka); NaN until the first measurement, and again
 * while the broker cannot be asked, so a lag that cannot be known is never shown as zero. A partition the group has
 * never committed counts from its earliest offset: every consumer here starts at the earliest record.
 */
public final class ConsumerLagMonitor implements AutoCloseable {

    /** Prometheus: {@code spa_kafka_consumer_lag_records{group,topic}}. */
    public static final String METRIC = "spa.kafka.consumer.lag";
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLagMonitor.class);
    private static final long TIMEOUT_MS = 5_000;

    private final Admin admin;
    private final Map<String, Set<String>> groups;
    private final Map<String, Double> lags = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    private ConsumerLagMonitor(Admin admin, Map<String, Set<String>> groups) {
        this.admin = admin;
        this.groups = groups;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "spa-consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers a gauge per group and topic in {@code registry} and measures them every {@code period}, the first
     * time at once.
     *
     * @param kafka  the cluster, reached with {@link KafkaConfig#adminProperties()} (security included)
     * @param groups each consumer group of this process and the topics it consumes
     */
    public static ConsumerLagMonitor start(KafkaConfig kafka, Map<String, Set<String>> groups, Duration period,
                                           MeterRegistry registry) {
        Map<String, Set<String>> copy = new TreeMap<>();
        groups.forEach((group, topics) -> copy.put(group, Set.copyOf(new TreeSet<>(topics))));
        ConsumerLagMonitor monitor = new ConsumerLagMonitor(Admin.create(kafka.adminProperties()),
                Map.copyOf(copy));
        copy.forEach((group, topics) -> topics.forEach(topic ->
                Gauge.builder(METRIC, monitor.lags, lags -> lags.getOrDefault(key(group, topic), Double.NaN))
                        .description("Records past the consumer group's committed offsets on the topic")
                        .baseUnit("records")
                        .tags("group", group, "topic", topic)
                        .register(registry)));
        monitor.scheduler.scheduleWithFixedDelay(monitor::refresh, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return monitor;
    }

    /** Measures every group now; a group the broker does not answer for reads NaN until it does. */
    public void refresh() {
        groups.forEach((group, topics) -> {
            try {
                measure(group, topics).forEach((topic, lag) -> lags.put(key(group, topic), (double) lag));
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // Any failure, not only Kafka's: a periodic task that throws is never run again by its scheduler.
                LOG.warn("Cannot measure the lag of consumer group {}: {}", group, e.toString());
                topics.forEach(topic -> lags.remove(key(group, topic)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The last measured lag of {@code group} on {@code topic}: NaN when not known. */
    public double lag(String group, String topic) {
        return lags.getOrDefault(key(group, topic), Double.NaN);
    }

    private Map<String, Long> measure(String group, Set<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        described.forEach((topic, description) -> description.partitions()
                .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<String, Long> lag = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            long start = starts.get(partition);
            long from = done == null ? start : Math.max(done.offset(), start);
            lag.merge(partition.topic(), Math.max(0, ends.get(partition) - from), Long::sum);
        }
        return lag;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> spec))).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static String key(String group, String topic) {
        return group + '\u0000' + topic;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
