package org.spagateway.inference.worker.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.ProfileUpdated;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.inference.worker.rounds.PreferenceProfiles;

/**
 * Every clinician's latest preference profile per task, read from {@code spa.profile.updated} (kept forever): a
 * plain consumer without a group assigns itself every partition, reads from the beginning and keeps following, in its
 * own thread; the highest {@code version} per (clinician, task) wins, so replays and out-of-order partitions do no
 * harm. The worker reads it when a first-round request names a clinician. Invalid records are skipped with a
 * warning (this is a view, not a consumer of record: nothing to dead-letter). Closing stops and joins the thread.
 */
public final class ProfileView implements PreferenceProfiles, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileView.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private record Key(String clinicianId, String task) {
    }

    private final Map<Key, ProfileUpdated> latest = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec;
    private final Thread thread;
    private volatile boolean running = true;

    private ProfileView(KafkaConfig kafka, EventCodec codec) {
        this.consumer = new KafkaConsumer<>(kafka.consumerProperties("worker-profiles"), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.codec = codec;
        this.thread = new Thread(this::run, "spa-worker-profiles");
    }

    public static ProfileView start(KafkaConfig kafka, EventCodec codec) {
        ProfileView view = new ProfileView(kafka, codec);
        view.thread.start();
        return view;
    }

    @Override
    public Optional<ProfileUpdated> latest(String clinicianId, String task) {
        return Optional.ofNullable(latest.get(new Key(clinicianId, task)));
    }

    /** Waits until the view has read what the topic held when it started; false if that took longer. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            Map<TopicPartition, Long> startEnd = assignFromTheBeginning();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && startEnd.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.info("Preference profiles read: {} (clinician, task) pairs", latest.size());
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            LOG.debug("Profile view woken up to stop");
        } catch (KafkaException | IllegalStateException e) {
            LOG.error("Profile view stopped, sessions start without new profiles: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Assigns every partition of the topic (waiting for it to exist) and returns their end offsets now. */
    private Map<TopicPartition, Long> assignFromTheBeginning() {
        List<PartitionInfo> partitions = List.of();
        while (running && partitions.isEmpty()) {
            try {
                partitions = consumer.partitionsFor(Topic.PROFILE_UPDATED.name(), Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                partitions = List.of();
            }
            if (partitions.isEmpty() && running) {
                LOG.warn("Topic {} has no partitions yet; waiting for it", Topic.PROFILE_UPDATED.name());
            }
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        return consumer.endOffsets(assigned);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<ProfileUpdated> event;
        try {
            event = codec.decode(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8),
                    EventType.PROFILE_UPDATED);
        } catch (InvalidEventException e) {
            LOG.warn("Skipping record {}-{}@{} of {}: {} {}", record.topic(), record.partition(), record.offset(),
                    Topic.PROFILE_UPDATED.name(), e.reason(), e.getMessage());
            return;
        }
        ProfileUpdated profile = event.data();
        latest.merge(new Key(profile.clinicianId(), profile.task()), profile,
                (known, next) -> next.version() > known.version() ? next : known);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
