package org.spagateway.worker.service;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.InstanceReference;
import org.spagateway.sessions.SessionIds;
import org.spagateway.model.ModelImage;
import org.spagateway.model.RoundResult;
import org.spagateway.model.SpaPredictor;
import org.spagateway.model.SpaSession;
import org.spagateway.worker.image.SourcePixelReader;
import org.spagateway.worker.image.SourcePixels;
import org.spagateway.worker.prep.CropWindow;
import org.spagateway.worker.prep.Localisation;
import org.spagateway.worker.prep.MaskProjection;
import org.spagateway.worker.prep.ModelInputSampler;
import org.spagateway.worker.seg.CandidateMask;
import org.spagateway.worker.seg.CandidateSetSegmentation;
import org.spagateway.worker.seg.MaskGrid;
import org.spagateway.worker.seg.SegmentationWriter;
import org.spagateway.worker.seg.SourceImageException;
import org.spagateway.worker.seg.WrittenSegmentation;

/**
 * Runs round 1 of an SPA session for each image of an InferenceRequested to segment (every photograph; for CT the
 * slice through the lesion): read the image, find the
 * structure, crop and normalise as training did, run the round, map the masks back onto the source grid, store the
 * session state and the SEG. Returns the CandidatesReady events to publish; publishes nothing itself.
 */
public final class CandidateRoundRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CandidateRoundRunner.class);

    private final SourcePixelReader reader = new SourcePixelReader();
    private final SessionStateStore states = new SessionStateStore();
    private final SegmentationWriter writer;
    private final Path outputRoot;
    private final Clock clock;

    public CandidateRoundRunner(SegmentationWriter writer, Path outputRoot, Clock clock) {
        this.writer = writer;
        this.outputRoot = outputRoot;
        this.clock = clock;
    }

    /**
     * @param predictors the calling thread's predictor for a task (one per thread: a Predictor is not thread-safe)
     * @throws SourceImageException a source that cannot be segmented (permanent)
     * @throws IOException          reading or writing failed (may be retried)
     */
    public List<EventEnvelope<CandidatesReady>> run(EventEnvelope<InferenceRequested> request, ServedTask task,
                                                    Function<ServedTask, SpaPredictor> predictors)
            throws IOException, SourceImageException {
        InferenceRequested data = request.data();
        List<EventEnvelope<CandidatesReady>> events = new ArrayList<>();
        for (LocatedImage image : imagesToSegment(data, task)) {
            InstanceReference instance = image.instance();
            String sessionId = SessionIds.sessionId(data.requestId(), instance.sopInstanceUid());
            long started = System.nanoTime();
            CropWindow window = image.localisation().window();
            ModelImage input = ModelInputSampler.sample(image.pixels(), window, task.modelTask()::normalise);
            RoundResult result = SpaSession.start(predictors.apply(task), input, task.initialClick(), null,
                    SessionIds.seed(sessionId)).lastRound();
            CandidateSetSegmentation round = toSourceGrid(result, window, image.pixels(), task, sessionId, request);
            Path sessionDirectory = outputRoot.resolve(data.studyInstanceUid()).resolve(sessionId);
            states.save(sessionDirectory, result.round(), result.state());
            WrittenSegmentation written = writer.write(round, image.source(), sessionDirectory);
            events.add(CandidatesReadyMapper.map(request, data.requestId(), instance, round, written,
                    clock.instant()));
            LOG.info("Round {} of session {} (request {}, task {}) stored as SEG {} in {} ms", result.round(),
                    sessionId, data.requestId(), task.taskId(), written.sopInstanceUid(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return events;
    }

    private record LocatedImage(InstanceReference instance, Path source, SourcePixels pixels,
                                Localisation localisation) {
    }

    /**
     * Every image of the request, or for a one-per-series task the image where the locator saw the most evidence
     * (images where it finds nothing are skipped; if none has the structure, the request fails permanently).
     */
    private List<LocatedImage> imagesToSegment(InferenceRequested data, ServedTask task)
            throws IOException, SourceImageException {
        List<LocatedImage> located = new ArrayList<>();
        SourceImageException lastMiss = null;
        for (InstanceReference instance : data.instances()) {
            Path source = sourcePath(instance);
            SourcePixels pixels = reader.read(source);
            try {
                located.add(new LocatedImage(instance, source, pixels, task.locator().locate(pixels,
                        task.inputSize())));
            } catch (SourceImageException e) {
                if (!task.onePerSeries()) {
                    throw e;
                }
                lastMiss = e;
            }
        }
        if (!task.onePerSeries()) {
            return located;
        }
        if (located.isEmpty()) {
            throw lastMiss != null ? lastMiss : new SourceImageException("the request lists no images");
        }
        return List.of(located.stream().max(Comparator.comparingDouble(
                image -> image.localisation().evidence())).orElseThrow());
    }

    private static CandidateSetSegmentation toSourceGrid(RoundResult result, CropWindow window, SourcePixels pixels,
                                                         ServedTask task, String sessionId,
                                                         EventEnvelope<InferenceRequested> request) {
        int columns = pixels.columns();
        int rows = pixels.rows();
        MaskGrid recommended = MaskProjection.toSource(result.recommended(), window, columns, rows);
        List<CandidateMask> candidates = new ArrayList<>();
        for (RoundResult.Candidate candidate : result.candidates()) {
            candidates.add(new CandidateMask(candidate.index() + 1,
                    MaskProjection.toSource(candidate.mask(), window, columns, rows), candidate.sampleCount()));
        }
        return new CandidateSetSegmentation(sessionId, result.round(), task.identity(), task.taskId(), false,
                recommended, candidates, task.model().config().samples(), request.occurredAt());
    }

    static Path sourcePath(InstanceReference instance) throws SourceImageException {
        try {
            URI uri = URI.create(instance.location());
            if (!"file".equals(uri.getScheme())) {
                throw new SourceImageException("source location is not a file URI: " + instance.location());
            }
            return Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new SourceImageException("source location is not a valid URI: " + instance.location(), e);
        }
    }
}
