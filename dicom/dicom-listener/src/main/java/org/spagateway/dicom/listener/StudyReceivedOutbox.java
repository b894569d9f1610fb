package org.spagateway.dicom.listener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.StudyReceived;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.RetrySchedule;
import org.spagateway.storage.DurableFiles;

/**
 * Delivers StudyReceived events to the sink, in order, on one thread, retrying with jittered exponential back-off
 * ({@link RetrySchedule}, {@link Jitter}) while the sink fails (e.g. Kafka down). Every event is first written to an
 * outbox file ({@code <root>/.outbox/<id>.json}) and deleted only after the sink accepted it; events left there by a
 * stop or crash are published again at the next start (consumers deduplicate on the event id). An event the sink
 * refuses as invalid is dead-lettered and set aside in {@code .outbox/rejected/}. Logs name event ids only, never
 * study content.
 */
final class StudyReceivedOutbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StudyReceivedOutbox.class);
    static final String OUTBOX = ".outbox";
    /** Below the outbox: events that can never be published, kept for inspection (never retried). */
    static final String REJECTED = "rejected";

    private final StudyReceivedSink sink;
    private final Path outbox;
    private final RetrySchedule retry;
    private final EventCodec codec = new EventCodec();
    private final LinkedBlockingDeque<EventEnvelope<StudyReceived>> queue = new LinkedBlockingDeque<>();
    private final Object wakeUp = new Object();
    private final Thread thread;
    private volatile boolean running = true;

    StudyReceivedOutbox(StudyReceivedSink sink, Path storageRoot, Duration retryInitial, Duration retryMax) {
        this(sink, storageRoot, retryInitial, retryMax, runnable -> {
            Thread thread = new Thread(runnable, "study-received-outbox");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @param threads makes the delivery thread (the listener's: an error on it ends the process) */
    StudyReceivedOutbox(StudyReceivedSink sink, Path storageRoot, Duration retryInitial, Duration retryMax,
                        ThreadFactory threads) {
        this.sink = sink;
        this.outbox = storageRoot.resolve(OUTBOX);
        this.retry = RetrySchedule.unbounded(retryInitial, retryMax);
        this.thread = threads.newThread(this::run);
    }

    /**
     * Re-queues events a previous run could not deliver, telling {@code recovered} of each first (the listener brings
     * the study's history up to the event's version: the run may have stopped between writing the event and
     * recording its version), then starts delivering.
     */
    void start(Consumer<EventEnvelope<StudyReceived>> recovered) throws IOException {
        Files.createDirectories(outbox);
        try (Stream<Path> files = Files.list(outbox)) {
            List<Path> left = files.filter(p -> p.toString().endsWith(".json")).sorted(this::byModifiedTime).toList();
            for (Path file : left) {
                try {
                    EventEnvelope<StudyReceived> event = codec.decode(Files.readString(file, StandardCharsets.UTF_8),
                            EventType.STUDY_RECEIVED);
                    recovered.accept(event);
                    queue.add(event);
                } catch (InvalidEventException e) {
                    LOG.error("Outbox file {} is not a valid StudyReceived event ({}); set aside in {}",
                            file.getFileName(), e.reason(), REJECTED);
                    setAside(file);
                }
            }
            if (!left.isEmpty()) {
                LOG.info("Re-publishing {} StudyReceived event(s) left in the outbox", queue.size());
            }
        }
        thread.start();
    }

    /**
     * Persists the event to the outbox durably ({@link DurableFiles}): once this returns it survives a crash or a
     * power loss and is published at the latest at the next start. Not yet delivered: see {@link #queue}.
     *
     * @throws IOException when it cannot be written; nothing is queued then
     */
    void write(EventEnvelope<StudyReceived> event) throws IOException {
        DurableFiles.replace(outbox.resolve(event.eventId() + ".json"),
                codec.encode(event).getBytes(StandardCharsets.UTF_8));
    }

    /** Queues an event {@linkplain #write written} to the outbox for delivery. */
    void queue(EventEnvelope<StudyReceived> event) {
        queue.add(event);
    }

    int pendingCount() {
        return queue.size();
    }

    @Override
    public void close() {
        running = false;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            LOG.warn("{} StudyReceived event(s) not yet published; they stay in the outbox for the next start",
                    queue.size());
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            EventEnvelope<StudyReceived> event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event != null && !deliver(event)) {
                queue.addFirst(event);
                return;
            }
        }
    }

    /**
     * Publishes the event, or, when the sink refuses it as invalid (it can never be published), dead-letters it and
     * sets its file aside, so one bad study never holds up the ones after it. Any other failure is retried with
     * back-off without limit.
     *
     * @return false when the publisher stopped before the event was published or dead-lettered
     */
    private boolean deliver(EventEnvelope<StudyReceived> event) {
        Attempts published = untilDone(event, () -> sink.publish(event));
        if (published.stopped()) {
            return false;
        }
        if (published.refused() == null) {
            removeFromOutbox(event);
            return true;
        }
        InvalidEventException refused = published.refused();
        LOG.error("StudyReceived event {} can never be published ({}): dead-lettering it and going on",
                event.eventId(), refused.reason());
        Attempts deadLettered = untilDone(event,
                () -> sink.deadLetter(event, refused.reason().name(), refused.getMessage()));
        if (deadLettered.stopped()) {
            return false;
        }
        if (deadLettered.refused() != null) {
            LOG.error("StudyReceived event {} could not be dead-lettered either ({}); set aside in {}",
                    event.eventId(), deadLettered.refused().reason(), REJECTED);
        }
        setAside(outbox.resolve(event.eventId() + ".json"));
        return true;
    }

    /** Runs {@code action} until it succeeds, is refused as invalid or the outbox stops; retries other failures. */
    private Attempts untilDone(EventEnvelope<StudyReceived> event, SinkCall action) {
        for (int attempt = 1; ; attempt++) {
            try {
                action.run();
                return new Attempts(false, null);
            } catch (InvalidEventException e) {
                return new Attempts(false, e);
            } catch (Exception e) {
                Duration delay = Jitter.EQUAL.apply(retry.delayBefore(attempt + 1));
                LOG.warn("Publishing StudyReceived event {} failed (attempt {}, {}); retrying in {} ms",
                        event.eventId(), attempt, e.getClass().getSimpleName(), delay.toMillis());
                if (!pause(delay)) {
                    return new Attempts(true, null);
                }
            }
        }
    }

    @FunctionalInterface
    private interface SinkCall {
        void run() throws Exception;
    }

    /** How {@link #untilDone} ended: stopped, refused as invalid, or (neither) done. */
    private record Attempts(boolean stopped, InvalidEventException refused) {
    }

    /** Moves an outbox file to {@value #REJECTED}, where nothing retries it. */
    private void setAside(Path file) {
        try {
            Path rejected = Files.createDirectories(outbox.resolve(REJECTED));
            if (Files.exists(file)) {
                Files.move(file, rejected.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("Cannot set outbox file {} aside: {}", file.getFileName(), StorageFailures.describe(e));
        }
    }

    private void removeFromOutbox(EventEnvelope<StudyReceived> event) {
        try {
            Files.deleteIfExists(outbox.resolve(event.eventId() + ".json"));
        } catch (IOException e) {
            LOG.warn("Published event {} but cannot remove its outbox file: {}", event.eventId(),
                    StorageFailures.describe(e));
        }
    }

    private boolean pause(Duration delay) {
        synchronized (wakeUp) {
            if (!running) {
                return false;
            }
            try {
                wakeUp.wait(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return running;
        }
    }

    private int byModifiedTime(Path a, Path b) {
        try {
            return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
        } catch (IOException e) {
            return a.compareTo(b);
        }
    }
}
