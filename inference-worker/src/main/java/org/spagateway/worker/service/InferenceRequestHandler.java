package org.spagateway.worker.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.Topic;
import org.spagateway.kafkasupport.DeadLetter;
import org.spagateway.kafkasupport.OutboundRecord;
import org.spagateway.model.SpaPredictor;
import org.spagateway.worker.seg.SourceImageException;

/**
 * One consumed InferenceRequested record to the records to publish: the round's CandidatesReady events, or the
 * record itself on {@code spa.dead-letter} with a reason when the failure is permanent. Transient failures are
 * thrown as {@link RetriableInferenceException} for the caller's retry policy. No Kafka client in here.
 *
 * <p>Permanent (dead-lettered at once): {@code MALFORMED_JSON}, {@code UNEXPECTED_TYPE}, {@code SCHEMA_INVALID},
 * {@code TASK_NOT_SERVED} (no model configured for the task), {@code SOURCE_MISSING} (the referenced file is not
 * there), {@code SOURCE_UNREADABLE} (not a DICOM image this worker can segment, or no structure found).
 * After the retries: {@code INFERENCE_FAILED}.
 */
public final class InferenceRequestHandler {

    static final String COMPONENT = "inference-worker";
    /** The MDC key the routes use too, so one study's log lines can be followed across services. */
    static final String MDC_CORRELATION_ID = "correlationId";
    private static final Logger LOG = LoggerFactory.getLogger(InferenceRequestHandler.class);

    private final EventCodec codec;
    private final ServedTasks tasks;
    private final CandidateRoundRunner runner;

    public InferenceRequestHandler(EventCodec codec, ServedTasks tasks, CandidateRoundRunner runner) {
        this.codec = codec;
        this.tasks = tasks;
        this.runner = runner;
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
        MDC.put(MDC_CORRELATION_ID, request.correlationId());
        try {
            return run(topic, key, value, request, predictors);
        } finally {
            MDC.remove(MDC_CORRELATION_ID);
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
            return runner.run(request, task.get(), predictors).stream().map(this::record).toList();
        } catch (NoSuchFileException e) {
            return deadLetter(topic, key, value, "SOURCE_MISSING", "request " + requestId + ": source image "
                    + e.getFile() + " is missing");
        } catch (SourceImageException e) {
            return deadLetter(topic, key, value, "SOURCE_UNREADABLE", "request " + requestId + ": "
                    + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new RetriableInferenceException("request " + requestId + " failed: " + e, e);
        }
    }

    /** The dead-letter record for a request that still fails after the last retry. */
    public OutboundRecord giveUp(String topic, String key, byte[] value, RetriableInferenceException failure,
                                 int attempts) {
        DeadLetter letter = new DeadLetter(COMPONENT, topic, "INFERENCE_FAILED", failure.getMessage(),
                Optional.empty(), OptionalInt.of(attempts));
        LOG.warn("Dead-lettering a request from {} after {} attempts: {}", topic, attempts, failure.getMessage());
        return letter.record(key, value);
    }

    private OutboundRecord record(EventEnvelope<CandidatesReady> event) {
        return new OutboundRecord(Topic.CANDIDATES_READY.name(), event.subject(), codec.encodeBytes(event),
                Map.of());
    }

    private static List<OutboundRecord> deadLetter(String topic, String key, byte[] value, String code,
                                                   String reason) {
        LOG.warn("Dead-lettering a request from {}: {} {}", topic, code, reason);
        return List.of(DeadLetter.of(COMPONENT, topic, code, reason).record(key, value));
    }
}
