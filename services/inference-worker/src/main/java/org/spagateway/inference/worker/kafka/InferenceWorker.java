package org.spagateway.inference.worker.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.Topic;
import org.spagateway.health.Health;
import org.spagateway.kafka.support.DeadLetterCounter;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.RetrySchedule;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.rounds.InferenceRequestHandler;
import org.spagateway.inference.worker.rounds.RetriableInferenceException;

/**
 * The worker service on Kafka: one consumer (group {@code spa.worker.consumer-group}) on the interactive and the
 * new-study request topics feeds a priority queue (interactive first) in front of a fixed pool of threads, each
 * with its own predictor per model (DJL: a Predictor is not thread-safe). The new-study partitions are paused while
 * the queue holds {@code spa.worker.queue-capacity} requests, so in-flight work stays bounded and a clinician's
 * next round never waits behind a batch of new studies.
 *
 * <p>Per request: the handler stores the SEG, the session state and the ledger's round, the thread publishes the
 * events it returns (CandidatesReady; ChoiceApplied and CandidatesReady or SessionApproved for a next-round request;
 * or the dead letter) and waits for the broker's acknowledgement of every one, and only then is the offset
 * committable ({@link OffsetTracker}). A crash anywhere before the commit reprocesses the request, which writes the
 * same SEG under the same UIDs and publishes the same event ids.
 */
public final class InferenceWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceWorker.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Polls that failed in a row before the worker counts as not alive (with back-off, several minutes). */
    static final int POLL_FAILURES_ALIVE = 10;

    private final WorkerConfig config;
    /** Interactive rounds decode their samples on this many threads ({@code sampleThreadsFor}, LanePredictors). */
    private final int sampleThreads;
    private final KafkaConfig kafka;
    private final InferenceRequestHandler handler;
    private final DeadLetterCounter deadLetters;
    private final PriorityBlockingQueue<WorkItem> queue = new PriorityBlockingQueue<>();
    private final OffsetTracker offsets = new OffsetTracker();
    private final AtomicLong sequence = new AtomicLong();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final List<Thread> workers = new ArrayList<>();
    private final Thread poller;
    private volatile boolean polling = true;
    private final AtomicInteger pollFailures = new AtomicInteger();
    private volatile String lastPollFailure = "";

    private InferenceWorker(WorkerConfig config, KafkaConfig kafka, InferenceRequestHandler handler,
                            DeadLetterCounter deadLetters) {
        this.config = config;
        this.sampleThreads = config.sampleThreadsFor(Runtime.getRuntime().availableProcessors(),
                SpaModel.intraOpThreads());
        this.kafka = kafka;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.consumer = new KafkaConsumer<>(kafka.consumerProperties("worker-consumer", config.consumerGroup(),
                config.queueCapacity()), new StringDeserializer(), new ByteArrayDeserializer());
        // Half the send timeout per request (at most 30 s), leaving room for a retried request within one send.
        Duration requestTimeout = Duration.ofMillis(Math.min(kafka.sendTimeout().toMillis() / 2, 30_000));
        this.producer = new KafkaProducer<>(kafka.producerProperties("worker-producer", requestTimeout),
                new StringSerializer(), new ByteArraySerializer());
        this.poller = new Thread(this::pollLoop, "spa-worker-consumer");
    }

    /** @param deadLetters where the dead letters it publishes are counted, once acknowledged */
    public static InferenceWorker start(WorkerConfig config, KafkaConfig kafka, InferenceRequestHandler handler,
                                        DeadLetterCounter deadLetters) {
        InferenceWorker worker = new InferenceWorker(config, kafka, handler, deadLetters);
        worker.consumer.subscribe(List.of(Topic.INFERENCE_INTERACTIVE.name(), Topic.INFERENCE_REQUESTED.name()),
                worker.new Rebalance());
        for (int i = 0; i < config.threads(); i++) {
            Thread thread = new Thread(worker::workLoop, "spa-worker-" + i);
            worker.workers.add(thread);
            thread.start();
        }
        worker.poller.start();
        LOG.info("Inference worker started: group {}, {} thread(s) with {} sample thread(s) each for interactive "
                + "rounds and {} PyTorch intra-op thread(s), queue capacity {}", config.consumerGroup(), config.threads(),
                worker.sampleThreads, SpaModel.intraOpThreads(), config.queueCapacity());
        return worker;
    }

    /**
     * Polls until the worker stops. A Kafka failure of one poll (the broker unreachable for longer than the client
     * hides, a failed commit, a rebalance error) is logged and retried with back-off: the loop never ends on it.
     * Failures in a row are counted; {@link #health()} reports the worker not alive after
     * {@value #POLL_FAILURES_ALIVE}, so the process is restarted instead of limping on.
     */
    private void pollLoop() {
        try {
            while (polling) {
                try {
                    pollOnce();
                    pollFailures.set(0);
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException | IllegalStateException e) {
                    int failures = pollFailures.incrementAndGet();
                    lastPollFailure = e.toString();
                    Duration wait = Jitter.EQUAL.apply(config.publishRetry().delayBefore(failures + 1));
                    LOG.warn("Worker poll failed ({} in a row), polling again in {}: {}", failures, wait,
                            e.toString());
                    if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            }
        } catch (WakeupException e) {
            LOG.debug("Worker consumer woken up to stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            commit();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void pollOnce() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            boolean interactive = record.topic().equals(Topic.INFERENCE_INTERACTIVE.name());
            WorkItem item = new WorkItem(record, interactive, sequence.getAndIncrement());
            offsets.started(item.partition(), record.offset());
            queue.add(item);
        }
        applyBackPressure();
        commit();
    }

    /**
     * Alive while the poll thread and every worker thread run (a thread that ended on an unforeseen error cannot be
     * replaced safely) and polls have not failed {@value #POLL_FAILURES_ALIVE} times in a row.
     */
    public Health health() {
        long running = workers.stream().filter(Thread::isAlive).count();
        if (!poller.isAlive() || running < workers.size()) {
            return Health.down("poll thread " + (poller.isAlive() ? "running" : "ended") + ", " + running + " of "
                    + workers.size() + " worker threads running");
        }
        int failures = pollFailures.get();
        if (failures >= POLL_FAILURES_ALIVE) {
            return Health.down(failures + " polls failed in a row, the last: " + lastPollFailure);
        }
        return Health.up(workers.size() + " worker threads, queue " + queue.size()
                + (failures > 0 ? ", " + failures + " polls failed in a row" : ""));
    }

    /** Pauses the new-study partitions while the queue is full (or the worker stops); resumes them below it. */
    private void applyBackPressure() {
        List<TopicPartition> newStudy = consumer.assignment().stream()
                .filter(p -> p.topic().equals(Topic.INFERENCE_REQUESTED.name())).toList();
        boolean full = queue.size() >= config.queueCapacity() || stopping.getCount() == 0;
        if (full) {
            consumer.pause(stopping.getCount() == 0 ? consumer.assignment() : newStudy);
        } else {
            consumer.resume(consumer.paused());
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.committable().forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
        if (commits.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commits);
        } catch (KafkaException e) {
            LOG.warn("Committing worker offsets failed (the records will be reprocessed): {}", e.toString());
        }
    }

    private void workLoop() {
        try (LanePredictors predictors = new LanePredictors(sampleThreads)) {
            while (stopping.getCount() > 0) {
                WorkItem item = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (item != null) {
                    process(item, predictors);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void process(WorkItem item, LanePredictors predictors) throws InterruptedException {
        ConsumerRecord<String, byte[]> record = item.record();
        List<OutboundRecord> out = null;
        for (int attempt = 1; out == null; attempt++) {
            try {
                out = handler.handle(record.topic(), record.key(), record.value(),
                        task -> predictors.forRecord(record.topic(), task));
            } catch (RetriableInferenceException e) {
                RetrySchedule schedule = e.bounded() ? config.requestRetry() : config.storageRetry();
                if (attempt >= schedule.maxAttempts()) {
                    out = List.of(handler.giveUp(record.topic(), record.key(), record.value(), e, attempt));
                } else {
                    Duration wait = Jitter.EQUAL.apply(schedule.delayBefore(attempt + 1));
                    LOG.warn("Attempt {} failed ({}), retrying in {}: {}", attempt,
                            e.bounded() ? "of " + schedule.maxAttempts() : "storage, without limit", wait,
                            e.getMessage());
                    if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            }
        }
        if (publish(out)) {
            offsets.finished(item.partition(), record.offset());
        }
    }

    /** Publishes and waits for the acknowledgements, retrying until it works or the worker stops. */
    private boolean publish(List<OutboundRecord> records) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (OutboundRecord record : records) {
                    ProducerRecord<String, byte[]> producerRecord = new ProducerRecord<>(record.topic(), record.key(),
                            record.value());
                    record.headers().forEach((name, value) -> producerRecord.headers()
                            .add(name, value.getBytes(StandardCharsets.UTF_8)));
                    sent.add(producer.send(producerRecord));
                }
                for (Future<?> future : sent) {
                    future.get(kafka.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
                records.forEach(deadLetters::published);
                return true;
            } catch (ExecutionException | TimeoutException
                     | KafkaException e) {
                Duration wait = Jitter.EQUAL.apply(config.publishRetry().delayBefore(attempt + 1));
                LOG.warn("Publishing the worker's results failed (attempt {}), retrying in {}: {}", attempt, wait,
                        e.toString());
                if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
            }
        }
    }

    /** Stops taking work, lets each thread finish its request, commits what finished, closes the clients. */
    @Override
    public void close() {
        stopping.countDown();
        for (Thread worker : workers) {
            join(worker);
        }
        polling = false;
        consumer.wakeup();
        join(poller);
        producer.close(Duration.ofSeconds(5));
        LOG.info("Inference worker stopped");
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofMinutes(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit();
            offsets.forget(partitions);
            queue.removeIf(item -> partitions.contains(item.partition()));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.debug("Worker assigned {}", partitions);
        }
    }
}
