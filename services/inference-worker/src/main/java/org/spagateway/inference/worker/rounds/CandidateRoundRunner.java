package org.spagateway.inference.worker.rounds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.ModelReference;
import org.spagateway.events.ProfileUpdated;
import org.spagateway.spa.model.ModelOutputInvalidException;
import org.spagateway.spa.model.RoundResult;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.spa.model.SpaSession;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.dicom.objects.SourcePixels;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.inference.worker.task.ServedTask;

/**
 * Runs round 1 of an SPA session for each image of an InferenceRequested to segment (every photograph; for CT the
 * slice through the lesion): read the image, find the structure, crop and normalise as training did, start the
 * session (from the clinician's preference profile when the request names a clinician who has one for this task and
 * model), and store the round ({@link RoundWriter}: state, SEG, ledger). Returns the CandidatesReady events to
 * publish; publishes nothing itself.
 */
public final class CandidateRoundRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CandidateRoundRunner.class);

    private final ModelInputPreparer preparer;
    private final SessionStateStore states;
    private final RoundWriter rounds;
    private final PreferenceProfiles profiles;
    private final PreparedImageCache images;
    private final Path outputRoot;

    CandidateRoundRunner(SessionStateStore states, RoundWriter rounds, PreferenceProfiles profiles,
                         PreparedImageCache images, Path outputRoot, ModelInputPreparer preparer) {
        this.preparer = preparer;
        this.states = states;
        this.rounds = rounds;
        this.profiles = profiles;
        this.images = images;
        this.outputRoot = outputRoot;
    }

    /**
     * @param predictors the calling thread's predictor for a task (one per thread: a Predictor is not thread-safe)
     * @throws SourceImageException     a source that cannot be segmented (permanent)
     * @throws RequestRejectedException the model's output for the round is not finite (permanent)
     * @throws IOException              reading or writing failed (may be retried)
     */
    public List<EventEnvelope<CandidatesReady>> run(EventEnvelope<InferenceRequested> request, ServedTask task,
                                                    Function<ServedTask, SpaPredictor> predictors)
            throws IOException, SourceImageException, RequestRejectedException {
        InferenceRequested data = request.data();
        List<EventEnvelope<CandidatesReady>> events = new ArrayList<>();
        for (ModelInputPreparer.LocatedImage image : imagesToSegment(data, task)) {
            long started = System.nanoTime();
            InstanceReference instance = image.instance();
            String sessionId = SessionIds.sessionId(data.requestId(), instance.sopInstanceUid());
            Path sessionDirectory = outputRoot.resolve(data.studyInstanceUid()).resolve(sessionId);
            PreparedImage prepared = preparer.prepare(image, task);
            SessionPrior prior = states.claimPrior(sessionId, () -> prior(data.clinician(), task));
            RoundResult result;
            try {
                result = SpaSession.start(predictors.apply(task), prepared.input(), task.initialClick(),
                        prior.piOrNull(), SessionIds.seed(sessionId)).lastRound();
            } catch (ModelOutputInvalidException e) {
                throw RequestRejectedException.invalidModelOutput(sessionId, 1, e);
            }
            SessionRecord session = new SessionRecord(sessionId, data.requestId(), request.correlationId(),
                    data.studyInstanceUid(), data.studyVersion(), data.task(), data.ruleName(),
                    data.seriesInstanceUid(), data.modality(), data.instances(), instance,
                    new ModelReference(task.identity().name(), task.identity().version()), data.clinician(),
                    prior.profileVersion(), sessionDirectory.toAbsolutePath().toString(), data.patientPseudonym());
            EventEnvelope<CandidatesReady> event = rounds.store(session, task, result, prepared, data.requestId(),
                    request.correlationId(), false, request.occurredAt());
            images.put(sessionId, prepared);
            events.add(event);
            LOG.info("Round {} of session {} (request {}, task {}, profile {}) stored as a SEG in {} ms",
                    result.round(), sessionId, data.requestId(), task.taskId(),
                    prior.profileVersion() == null ? "none" : "v" + prior.profileVersion(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return events;
    }

    /**
     * The clinician's latest profile for the task if it was learnt under the model that runs the session (pi is over
     * that model's M components; another version's components mean something else) and fits it; else a cold start.
     */
    private SessionPrior prior(Clinician clinician, ServedTask task) {
        if (clinician == null) {
            return SessionPrior.COLD_START;
        }
        Optional<ProfileUpdated> profile = profiles.latest(clinician.id(), task.taskId())
                .filter(p -> p.modelVersion().equals(task.model().version()));
        if (profile.isEmpty()) {
            return new SessionPrior(clinician.id(), null, null);
        }
        ProfileUpdated p = profile.get();
        if (p.pi().size() != task.model().config().components()
                || p.pi().stream().anyMatch(v -> !(v >= 0) || v.isInfinite())
                || p.pi().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            LOG.warn("Ignoring profile v{} of clinician {} for task {}: pi does not fit the model's {} components",
                    p.version(), clinician.id(), task.taskId(), task.model().config().components());
            return new SessionPrior(clinician.id(), null, null);
        }
        return new SessionPrior(clinician.id(), Math.toIntExact(p.version()), p.pi());
    }

    /**
     * Every image of the request, or for a one-per-series task the image where the locator saw the most evidence
     * (images where it finds nothing are skipped; if none has the structure, the request fails permanently).
     */
    private List<ModelInputPreparer.LocatedImage> imagesToSegment(InferenceRequested data, ServedTask task)
            throws IOException, SourceImageException {
        List<ModelInputPreparer.LocatedImage> located = new ArrayList<>();
        SourceImageException lastMiss = null;
        for (InstanceReference instance : data.instances()) {
            SourcePixels pixels = preparer.read(instance);
            try {
                located.add(preparer.locate(instance, pixels, task));
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
}
