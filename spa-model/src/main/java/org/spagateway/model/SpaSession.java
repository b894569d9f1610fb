package org.spagateway.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spagateway.model.data.Seeds;

/**
 * One clinician's interactive SPA session on one image (plain Java, no messaging): start with an initial click and
 * optionally the clinician's prior pi; each round returns the recommended mask and K candidates; {@link #choose}
 * feeds the chosen candidate back (one point, the paper's choice) and runs the next round; {@link #approve()} ends
 * the session. Deterministic for a given model, image, clicks and seed. Not thread-safe.
 *
 * <p>{@link #state()} is small and serialisable: {@link #resume} continues on another machine with the same model
 * and image.
 */
public final class SpaSession {

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
                state.piInput(), choices, state.chosen(), false, output.meanEstimate());
        last = new RoundResult(round, output.analysis().recommended(), candidates, output.analysis().pairwiseDice(),
                output.theta(), state, output.analysis());
        return last;
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
