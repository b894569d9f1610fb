package org.spagateway.inference.worker.rounds;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.DeadLetter;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.dicom.seg.SegmentationEquipment;
import org.spagateway.dicom.seg.SegmentationWriter;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.dicom.objects.SourceUnsupportedException;
import org.spagateway.kafka.support.CorrelationScope;
import org.spagateway.inference.worker.sources.SourceInstances;
import org.spagateway.inference.worker.sources.SourceIntegrityException;
import org.spagateway.inference.worker.task.ServedTask;
import org.spagateway.inference.worker.task.ServedTasks;

/**
 * One consumed InferenceRequested record to the records to publish, or the record itself on {@code spa.dead-letter}
 * with a reason when the failure is permanent. A first-round request yields the round's CandidatesReady events
 * ({@link CandidateRoundRunner}); a next-round request (with {@code continuation}) yields a ChoiceApplied and the
 * next round's CandidatesReady, or on approval a ChoiceApplied and a SessionApproved
 * ({@link SessionContinuationRunner}). Transient failures are thrown as {@link RetriableInferenceException} for the
 * caller's retry policy: storage failures ({@code IOException}) are retried without limit, engine failures a bounded
 * number of times. No Kafka client in here.
 *
 * <p>Permanent (dead-lettered at once): {@code MALFORMED_JSON}, {@code UNEXPECTED_TYPE}, {@code SCHEMA_INVALID},
 * {@code TASK_NOT_SERVED} (no model configured for the task), {@code SOURCE_MISSING} (the referenced file is not
 * there), {@code SOURCE_UNSUPPORTED} (a valid image this worker cannot decode or segment: a compressed syntax with no
 * decoder here, several frames, another pixel format), {@code SOURCE_UNREADABLE} (not a readable DICOM image, or no
 * structure found),
 * {@code MODEL_OUTPUT_INVALID} (the round's model output is not finite); for next-round requests also the codes of
 * {@link RequestRejectedException} ({@code UNKNOWN_SESSION}, {@code CONTINUATION_NOT_RECORDED}, ...). After the
 * retries of an engine failure: {@code INFERENCE_FAILED}; after the retries of a source fetched from the edge whose
 * size or SHA-256 differs from its reference: {@code SOURCE_INTEGRITY}. A storage failure, or an edge that cannot be
 * reached, is never dead-lettered.
 */
public final class InferenceRequestHandler {

    static final String COMPONENT = "inference-worker";
    private static final Logger LOG = LoggerFactory.getLogger(InferenceRequestHandler.class);

    private final EventCodec codec;
    private final ServedTasks tasks;
    private final CandidateRoundRunner firstRounds;
    private final SessionContinuationRunner continuations;
    private final RoundMetrics metrics;

    InferenceRequestHandler(EventCodec codec, ServedTasks tasks, CandidateRoundRunner firstRounds,
                            SessionContinuationRunner continuations, RoundMetrics metrics) {
        this.codec = codec;
        this.tasks = tasks;
        this.firstRounds = firstRounds;
        this.continuations = continuations;
        this.metrics = metrics;
    }

    /**
     * The handler with its collaborators.
     *
     * @param ledger         the session ledger ({@code spa.sessions.*}), the choice ingress's database too
     * @param profiles       the clinicians' preference profiles (the first round's prior)
     * @param outputRoot     where this worker writes its own copy of its SEG files (an operator's, nobody's input)
     * @param imageCacheSize sessions whose prepared model input is kept in memory
     * @param metrics        the process's registry: rounds and approvals by task ({@link RoundMetrics})
     */
    public static InferenceRequestHandler create(EventCodec codec, ServedTasks tasks, SessionLedger ledger,
                                                 PreferenceProfiles profiles, Path outputRoot, int imageCacheSize,
                                                 Clock clock, MeterRegistry metrics) {
        return create(codec, tasks, ledger, profiles, outputRoot, imageCacheSize, clock,
                SourceInstances.localFilesOnly(), metrics);
    }

    /**
     * @param sources where the requests' source instances are read from: local files, or fetched from the edge
     * @param metrics the process's registry: rounds and approvals by task ({@link RoundMetrics})
     */
    public static InferenceRequestHandler create(EventCodec codec, ServedTasks tasks, SessionLedger ledger,
                                                 PreferenceProfiles profiles, Path outputRoot, int imageCacheSize,
                                                 Clock clock, SourceInstances sources, MeterRegistry metrics) {
        SegmentationWriter writer = new SegmentationWriter(SegmentationEquipment.defaults());
        SessionStateStore states = new SessionStateStore(ledger.artifacts());
        PreparedImageCache images = new PreparedImageCache(imageCacheSize);
        LocalSegmentationFolder folder = new LocalSegmentationFolder(outputRoot);
        RoundWriter rounds = new RoundWriter(writer, states, ledger, clock, sources, folder);
        ModelInputPreparer preparer = new ModelInputPreparer(sources);
        return new InferenceRequestHandler(codec, tasks,
                new CandidateRoundRunner(states, rounds, profiles, images, outputRoot, preparer),
                new SessionContinuationRunner(tasks, ledger, states, rounds,
                        new SessionApprover(writer, states, ledger.artifacts(), clock, sources, folder), images, clock, preparer),
                new RoundMetrics(metrics));
    }

    public List<OutboundRecord> handle(String topic, String key, byte[] value,
                                       Function<ServedTask, SpaPredictor> predictors)
            throws RetriableInferenceException {
        EventEnvelope<InferenceRequested> request;
        try {
            request = codec.decode(value == null ? "" : new String(value, StandardCharsets.UTF_8),
                    EventType.INFERENCE_REQUESTED);
        } catch (InvalidEventException e) {
            return deadLetter(topic, key, value, e.reason().name(), e.getMessage());
        }
        try (CorrelationScope scope = CorrelationScope.open(request.correlationId())) {
            return run(topic, key, value, request, predictors);
        }
    }

    private List<OutboundRecord> run(String topic, String key, byte[] value, EventEnvelope<InferenceRequested> request,
                                     Function<ServedTask, SpaPredictor> predictors)
            throws RetriableInferenceException {
        String requestId = request.data().requestId();
        Optional<ServedTask> task = tasks.find(request.data().task());
        if (task.isEmpty()) {
            return deadLetter(topic, key, value, "TASK_NOT_SERVED", "request " + requestId + ": no model for task '"
                    + request.data().task() + "'; served: " + tasks.all().keySet());
        }
        try {
            boolean nextRound = request.data().continuation() != null;
            long started = System.nanoTime();
            List<? extends EventEnvelope<?>> events = nextRound ? continuations.run(request, predictors)
                    : firstRounds.run(request, task.get(), predictors);
            metrics.handled(task.get().taskId(), nextRound, events, Duration.ofNanos(System.nanoTime() - started));
            return events.stream().map(this::record).toList();
        } catch (RequestRejectedException e) {
            return deadLetter(topic, key, value, e.reasonCode(), "request " + requestId + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            return deadLetter(topic, key, value, "SOURCE_MISSING", "request " + requestId
                    + ": its source image is missing (the request's location names it)");
        } catch (SourceIntegrityException e) {
            throw RetriableInferenceException.sourceIntegrity("request " + requestId + ": " + e.getMessage(), e);
        } catch (SourceUnsupportedException e) {
            return deadLetter(topic, key, value, "SOURCE_UNSUPPORTED", "request " + requestId + ": "
                    + e.getMessage());
        } catch (SourceImageException e) {
            return deadLetter(topic, key, value, "SOURCE_UNREADABLE", "request " + requestId + ": "
                    + e.getMessage());
        } catch (IOException e) {
            throw RetriableInferenceException.storageUnavailable("request " + requestId + ": storage failed: " + e,
                    e);
        } catch (RuntimeException e) {
            throw RetriableInferenceException.engineFailed("request " + requestId + " failed: " + e, e);
        }
    }

    /** The dead-letter record for a request that still fails after the last retry. */
    public OutboundRecord giveUp(String topic, String key, byte[] value, RetriableInferenceException failure,
                                 int attempts) {
        DeadLetter letter = new DeadLetter(COMPONENT, topic, failure.reasonCode(), failure.getMessage(),
                Optional.empty(), OptionalInt.of(attempts));
        LOG.warn("Dead-lettering a request from {} after {} attempts: {} {}", topic, attempts, failure.reasonCode(),
                failure.getMessage());
        return letter.record(key, value);
    }

    /** The record of an event the worker publishes: its topic by type, keyed by the event's subject. */
    private OutboundRecord record(EventEnvelope<?> event) {
        EventType type = EventType.fromTypeName(event.type()).orElseThrow();
        Topic topic = switch (type) {
            case CANDIDATES_READY -> Topic.CANDIDATES_READY;
            case CHOICE_APPLIED -> Topic.CHOICE_APPLIED;
            case SESSION_APPROVED -> Topic.SESSION_APPROVED;
            default -> throw new IllegalArgumentException("the worker does not publish " + event.type());
        };
        return OutboundRecord.event(topic, event, codec.encodeBytes(event));
    }

    private static List<OutboundRecord> deadLetter(String topic, String key, byte[] value, String code,
                                                   String reason) {
        LOG.warn("Dead-lettering a request from {}: {} {}", topic, code, reason);
        return List.of(DeadLetter.of(COMPONENT, topic, code, reason).record(key, value));
    }
}
