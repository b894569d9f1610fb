package org.spagateway.reporting.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.RetrySchedule;

/**
 * Feeds {@link SessionEventHub} from {@code spa.candidates.ready} and {@code spa.session.approved}: a consumer outside
 * any consumer group assigns itself every partition of both topics and starts at their end, so every edge instance
 * sees every new event (a shared group would split them between the edges, and a page connected to one edge would
 * miss the rounds another edge's partitions carry). Nothing is committed: it is a live view, not a consumer of record;
 * a page that reconnects reads the session again. Invalid records are skipped with a warning. While the broker cannot
 * be reached the thread retries with back-off; closing stops and joins it.
 */
final class SessionEventFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEventFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final RetrySchedule BACK_OFF = RetrySchedule.unbounded(Duration.ofSeconds(1),
            Duration.ofSeconds(30));
    private static final Map<String, EventType> TYPES = Map.of(
            Topic.CANDIDATES_READY.name(), EventType.CANDIDATES_READY,
            Topic.SESSION_APPROVED.name(), EventType.SESSION_APPROVED);

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec;
    private final SessionEventHub hub;
    private final Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;

    private SessionEventFeed(KafkaConfig kafka, EventCodec codec, SessionEventHub hub) {
        this.consumer = new KafkaConsumer<>(kafka.consumerProperties("session-events"), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.codec = codec;
        this.hub = hub;
        this.thread = new Thread(this::run, "choice-api-session-events");
        this.thread.setDaemon(true);
    }

    static SessionEventFeed start(KafkaConfig kafka, EventCodec codec, SessionEventHub hub) {
        SessionEventFeed feed = new SessionEventFeed(kafka, codec, hub);
        feed.thread.start();
        return feed;
    }

    /** Waits until the feed follows both topics from their end; false if that took longer. */
    boolean awaitAssigned(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        int attempt = 1;
        try {
            while (running) {
                try {
                    if (assigned.getCount() > 0) {
                        assignAtTheEnd();
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        forward(record);
                    }
                    attempt = 1;
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    attempt++;
                    Duration wait = Jitter.EQUAL.apply(BACK_OFF.delayBefore(attempt));
                    LOG.warn("Session events: Kafka failed ({}); trying again in {} ms", e.toString(),
                            wait.toMillis());
                    if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            }
        } catch (WakeupException e) {
            LOG.debug("Session event feed woken up to stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void assignAtTheEnd() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TYPES.keySet()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                throw new KafkaException("topic " + topic + " has no partitions yet");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        assigned.countDown();
        LOG.info("Session events: following {} partitions of {} from their end", partitions.size(), TYPES.keySet());
    }

    private void forward(ConsumerRecord<String, byte[]> record) {
        try {
            String json = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
            hub.publish(SessionEvent.of(codec.decode(json, TYPES.get(record.topic()))));
        } catch (InvalidEventException e) {
            LOG.warn("Session events: skipping record {}-{}@{}: {} {}", record.topic(), record.partition(),
                    record.offset(), e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Session events: record {}-{}@{} could not be sent to the streams", record.topic(),
                    record.partition(), record.offset(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        stopping.countDown();
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
