package org.spagateway.spa.model.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spagateway.spa.model.BinaryMask;
import org.spagateway.spa.model.CandidateAnalysis;
import org.spagateway.spa.model.Click;
import org.spagateway.spa.model.ModelImage;
import org.spagateway.spa.model.RoundResult;
import org.spagateway.spa.model.SessionState;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.spa.model.SpaSession;
import org.spagateway.spa.model.data.CorrectiveClicks;
import org.spagateway.spa.model.data.Seeds;

/**
 * The simulated users of the paper's protocol and of the baselines, each run for a fixed number of rounds against
 * a known preference mask (the fused ground truth).
 */
public final class Simulator {

    private Simulator() {
    }

    /**
     * SPA: each round the user picks the candidate whose centroid is nearest the preference (L2), the fed-back point
     * is labelled from the preference (the paper's oracle label); the score is the recommended mask's Dice.
     *
     * @param prior the clinician's profile for round 1, or null for a cold start
     */
    public static SimulatedRun spa(SpaPredictor predictor, ModelImage image, BinaryMask preference, Click initial,
                                   float[] prior, int rounds, long seed) {
        SpaSession session = SpaSession.start(predictor, image, initial, prior, seed);
        RoundResult round = session.lastRound();
        double[] dice = new double[rounds];
        double[] similarity = new double[rounds];
        int agreement = 0;
        for (int r = 0; r < rounds; r++) {
            dice[r] = round.recommended().dice(preference);
            similarity[r] = medianOffDiagonal(round.pairwiseDice());
            if (r + 1 < rounds) {
                int k = round.analysis().nearestTo(preference);
                if (k == round.analysis().bestDiceTo(preference)) {
                    agreement++;
                }
                SessionState.PendingChoice choice = round.state().choices().get(k);
                round = session.choose(k, preference.get(choice.x(), choice.y()));
            }
        }
        return new SimulatedRun(dice, similarity, agreement, rounds - 1, session.approve().approvalEstimate());
    }

    /**
     * SPA with theta frozen: the same model shows candidates every round, but nothing is fed back (no point, pi
     * stays at the round-1 input), so only the sampling noise changes from round to round.
     */
    public static SimulatedRun frozen(SpaPredictor predictor, ModelImage image, BinaryMask preference, Click initial,
                                      int rounds, long seed) {
        double[] dice = new double[rounds];
        double[] similarity = new double[rounds];
        float[] pi = predictor.model().initialPi();
        for (int r = 0; r < rounds; r++) {
            SpaPredictor.RoundOutput out = predictor.run(new SpaPredictor.RoundRequest(image, List.of(initial), pi,
                    Seeds.mix(seed, r + 1), predictor.model().config().samples()));
            dice[r] = out.analysis().recommended().dice(preference);
            similarity[r] = medianOffDiagonal(out.analysis().pairwiseDice());
        }
        return new SimulatedRun(dice, similarity, 0, 0, null);
    }

    /**
     * SPA with the fed-back points but pi frozen (issue 17, "what preference alignment adds on its own"): the user
     * picks as in {@link #spa} and the chosen candidate's point, labelled from the preference, joins the prompts, but
     * the pi-MLP keeps the round-1 input instead of the candidate's EM estimate. Round 1 is SPA's round 1 (the same
     * initial click, pi and round seed); only the pi update separates the two arms.
     */
    public static SimulatedRun pointsFedBackPiFrozen(SpaPredictor predictor, ModelImage image, BinaryMask preference,
                                                     Click initial, int rounds, long seed) {
        double[] dice = new double[rounds];
        double[] similarity = new double[rounds];
        float[] pi = predictor.model().initialPi();
        List<Click> clicks = new ArrayList<>(List.of(initial));
        int agreement = 0;
        for (int r = 0; r < rounds; r++) {
            // The seed of SpaSession's round r + 1, as in frozen().
            CandidateAnalysis.Analysis analysis = predictor.run(new SpaPredictor.RoundRequest(image, clicks, pi,
                    Seeds.mix(seed, r + 1), predictor.model().config().samples())).analysis();
            dice[r] = analysis.recommended().dice(preference);
            similarity[r] = medianOffDiagonal(analysis.pairwiseDice());
            if (r + 1 < rounds) {
                int k = analysis.nearestTo(preference);
                if (k == analysis.bestDiceTo(preference)) {
                    agreement++;
                }
                CandidateAnalysis.Candidate chosen = analysis.candidates().get(k);
                clicks.add(new Click(chosen.feedbackX(), chosen.feedbackY(),
                        preference.get(chosen.feedbackX(), chosen.feedbackY())));
            }
        }
        return new SimulatedRun(dice, similarity, agreement, rounds - 1, null);
    }

    /**
     * Click-based interaction (baseline b): round 1 uses the initial click; each later round adds a click at the
     * centre of the largest error region of the previous prediction, labelled from the preference.
     */
    public static SimulatedRun clicks(SpaPredictor predictor, ModelImage image, BinaryMask preference, Click initial,
                                      int rounds) {
        int s = preference.width();
        float[] pi = predictor.model().initialPi();
        List<Click> clicks = new ArrayList<>(List.of(initial));
        double[] dice = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            float[] p = predictor.meanProbability(new SpaPredictor.MeanRequest(image, clicks, pi, 1, 0, true));
            BinaryMask prediction = BinaryMask.threshold(s, s, p, 0.5f);
            dice[r] = prediction.dice(preference);
            clicks.add(CorrectiveClicks.next(prediction, preference).orElse(clicks.get(clicks.size() - 1)));
        }
        return new SimulatedRun(dice, nan(rounds), 0, 0, null);
    }

    /** Deterministic model (baseline a): one prediction without clicks or z; the same score in every round. */
    public static SimulatedRun deterministic(SpaPredictor predictor, ModelImage image, BinaryMask preference,
                                             int rounds) {
        int s = preference.width();
        float[] p = predictor.meanProbability(new SpaPredictor.MeanRequest(image, List.of(),
                predictor.model().initialPi(), 1, 0, true));
        double[] dice = new double[rounds];
        Arrays.fill(dice, BinaryMask.threshold(s, s, p, 0.5f).dice(preference));
        return new SimulatedRun(dice, nan(rounds), 0, 0, null);
    }

    static double medianOffDiagonal(double[][] dice) {
        List<Double> values = new ArrayList<>();
        for (int a = 0; a < dice.length; a++) {
            for (int b = a + 1; b < dice.length; b++) {
                values.add(dice[a][b]);
            }
        }
        if (values.isEmpty()) {
            return Double.NaN;
        }
        values.sort(Double::compare);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static double[] nan(int n) {
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        return out;
    }
}
