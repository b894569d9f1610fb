package org.spagateway.spa.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spagateway.spa.model.data.Seeds;

/**
 * One clinician's interactive SPA session on one image (plain Java, no messaging): start with an initial click and
 * optionally the clinician's prior pi; each round returns the recommended mask and K candidates; {@link #choose}
 * feeds the chosen candidate back (one point, the paper's choice) and runs the next round; {@link #rejectAll()} runs
 * the next round away from what was rejected; {@link #approve()} ends the session. Deterministic for a given model,
 * image, clicks and seed. Not thread-safe.
 *
 * <p>{@link #state()} is small and serialisable: {@link #resume} continues on another machine with the same model
 * and image.
 */
public final class SpaSession {

    /** What {@link SessionState#chosen()} records for a round whose candidates were all rejected. */
    public static final int REJECTED_ALL = -1;
    /**
     * The least share of its weight a component keeps after a rejection: a rejection is evidence against the
     * components that explain the candidates, not proof that they are impossible, and a zero weight could never come
     * back through the pi-MLP's input.
     */
    static final double MIN_KEPT_AFTER_REJECTION = 0.05;

    private final SpaPredictor predictor;
    private final ModelImage image;
    private SessionState state;
    private RoundResult last;

    private SpaSession(SpaPredictor predictor, ModelImage image, SessionState state) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.image = Objects.requireNonNull(image, "image");
        this.state = state;
    }

    /**
     * Starts a session and runs round 1.
     *
     * @param priorPi the clinician's profile (a pi estimate over the M components) or {@code null} for a cold start
     *                (the model's pi_init)
     */
    public static SpaSession start(SpaPredictor predictor, ModelImage image, Click initialClick, float[] priorPi,
                                   long seed) {
        SpaModel model = predictor.model();
        float[] pi = priorPi == null ? model.initialPi() : normalised(priorPi, model.config().components());
        SessionState initial = new SessionState(SessionState.FORMAT_VERSION, model.version(), seed, 0,
                List.of(initialClick), pi, List.of(), List.of(), false, null);
        SpaSession session = new SpaSession(predictor, image, initial);
        session.runRound();
        return session;
    }

    /** Continues a session from its serialised state (the next call is {@link #choose} or {@link #approve}). */
    public static SpaSession resume(SpaPredictor predictor, ModelImage image, SessionState state) {
        if (!predictor.model().version().equals(state.modelVersion())) {
            throw new IllegalArgumentException("session was started with model " + state.modelVersion()
                    + ", this predictor runs " + predictor.model().version());
        }
        return new SpaSession(predictor, image, state);
    }

    /** The last round computed in this process ({@code null} right after {@link #resume}). */
    public RoundResult lastRound() {
        return last;
    }

    public SessionState state() {
        return state;
    }

    /** Chooses candidate {@code k}; the fed-back point is labelled with the candidate's own value there. */
    public RoundResult choose(int k) {
        return choose(k, pending(k).label());
    }

    /**
     * Chooses candidate {@code k} with an explicit label for the fed-back point (a user who says which side of the
     * boundary that pixel is on, or the simulated user's ground truth), and runs the next round.
     */
    public RoundResult choose(int k, boolean label) {
        SessionState.PendingChoice choice = pending(k);
        List<Click> clicks = new ArrayList<>(state.clicks());
        clicks.add(new Click(choice.x(), choice.y(), label));
        List<Integer> chosen = new ArrayList<>(state.chosen());
        chosen.add(k);
        state = new SessionState(state.formatVersion(), state.modelVersion(), state.seed(), state.round(), clicks,
                choice.piEstimate(), List.of(), chosen, false, null);
        return runRound();
    }

    /**
     * Rejects every candidate of the last round and runs the next one: no point is fed back (the clicks stay as they
     * are) and the pi-MLP's input moves away from what was shown,
     * {@code piInput'_m = normalise(piInput_m * max(1 - rho_m, MIN_KEPT_AFTER_REJECTION))}, with {@code rho} the
     * sample-count-weighted mean of the candidates' EM estimates of pi (together they stand for the whole round's N
     * samples). The paper has only positive picks; this is the gateway's reading of "none of these" (MODEL.md,
     * deviations).
     */
    public RoundResult rejectAll() {
        requireOpen();
        float[] pi = awayFrom(state.piInput(), state.choices());
        List<Integer> chosen = new ArrayList<>(state.chosen());
        chosen.add(REJECTED_ALL);
        state = new SessionState(state.formatVersion(), state.modelVersion(), state.seed(), state.round(),
                state.clicks(), pi, List.of(), chosen, false, null);
        return runRound();
    }

    /** Approves the last recommended mask; returns the final state (its {@code approvalEstimate} updates the profile). */
    public SessionState approve() {
        requireOpen();
        state = new SessionState(state.formatVersion(), state.modelVersion(), state.seed(), state.round(),
                state.clicks(), state.piInput(), state.choices(), state.chosen(), true, state.approvalEstimate());
        return state;
    }

    private SessionState.PendingChoice pending(int k) {
        requireOpen();
        if (k < 0 || k >= state.choices().size()) {
            throw new IllegalArgumentException("no candidate " + k + " in round " + state.round());
        }
        return state.choices().get(k);
    }

    private void requireOpen() {
        if (state.approved()) {
            throw new IllegalStateException("session already approved");
        }
        if (state.round() == 0) {
            throw new IllegalStateException("no round has run yet");
        }
    }

    private RoundResult runRound() {
        int round = state.round() + 1;
        long roundSeed = Seeds.mix(state.seed(), round);
        SpaConfig config = predictor.model().config();
        SpaPredictor.RoundOutput output = predictor.run(new SpaPredictor.RoundRequest(image, state.clicks(),
                state.piInput(), roundSeed, config.samples()));
        List<SessionState.PendingChoice> choices = new ArrayList<>();
        List<RoundResult.Candidate> candidates = new ArrayList<>();
        List<CandidateAnalysis.Candidate> analysed = output.analysis().candidates();
        for (int k = 0; k < analysed.size(); k++) {
            CandidateAnalysis.Candidate c = analysed.get(k);
            choices.add(new SessionState.PendingChoice(c.feedbackX(), c.feedbackY(), c.labelAtFeedback(),
                    c.piEstimate(), c.sampleCount()));
            candidates.add(new RoundResult.Candidate(k, c.mask(), c.sampleCount()));
        }
        state = new SessionState(state.formatVersion(), state.modelVersion(), state.seed(), round, state.clicks(),
                state.piInput(), choices, state.chosen(), false, output.analysis().roundEstimate());
        last = new RoundResult(round, output.analysis().recommended(), candidates, output.analysis().pairwiseDice(),
                output.theta(), state, output.analysis(), output.timings());
        return last;
    }

    static float[] awayFrom(float[] piInput, List<SessionState.PendingChoice> rejected) {
        double[] rho = new double[piInput.length];
        double samples = 0;
        for (SessionState.PendingChoice choice : rejected) {
            float[] estimate = choice.piEstimate();
            for (int m = 0; m < rho.length; m++) {
                rho[m] += choice.sampleCount() * (double) estimate[m];
            }
            samples += choice.sampleCount();
        }
        double[] weights = new double[piInput.length];
        double sum = 0;
        for (int m = 0; m < weights.length; m++) {
            double share = samples > 0 ? rho[m] / samples : 0;
            weights[m] = piInput[m] * Math.max(1 - share, MIN_KEPT_AFTER_REJECTION);
            sum += weights[m];
        }
        float[] out = new float[weights.length];
        for (int m = 0; m < out.length; m++) {
            out[m] = (float) (weights[m] / sum);
        }
        return out;
    }

    private static float[] normalised(float[] pi, int components) {
        if (pi.length != components) {
            throw new IllegalArgumentException("prior pi has " + pi.length + " components, model has " + components);
        }
        double sum = 0;
        for (float v : pi) {
            if (!(v >= 0) || Float.isInfinite(v)) {
                throw new IllegalArgumentException("prior pi must be finite and non-negative");
            }
            sum += v;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("prior pi sums to zero");
        }
        float[] out = new float[pi.length];
        for (int i = 0; i < pi.length; i++) {
            out[i] = (float) (pi[i] / sum);
        }
        return out;
    }
}
