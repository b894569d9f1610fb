package org.spagateway.spa.model.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.BinaryMask;
import org.spagateway.spa.model.CandidateAnalysis;
import org.spagateway.spa.model.Click;
import org.spagateway.spa.model.ModelImage;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.spa.model.SpaSession;
import org.spagateway.spa.model.TrainingInputs;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.data.MultiRaterSample;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Seeds;
import org.spagateway.spa.model.data.Task;

/** The simulated SPA users on the shipped optic-cup weights (synthetic phantoms and raters). */
class SimulatorTest {

    private static final int ROUNDS = 3;
    private static final long SEED = 11;
    private static SpaModel model;
    private static SpaPredictor predictor;

    @BeforeAll
    static void load() {
        model = SpaModel.load(Path.of("..", "..", "models", "spa-optic-cup.params"));
        predictor = model.newPredictor();
    }

    @AfterAll
    static void close() {
        predictor.close();
        model.close();
    }

    @Test
    void pointsFedBackPiFrozenFeedsTheChosenCandidatesPointsAndKeepsRoundOnesPi() {
        MultiRaterSample sample = MultiRaterGenerator.standard(RaterPanel.defaults(Task.OPTIC_CUP)).sample(31);
        BinaryMask preference = sample.raterMasks().get(3);
        Click initial = TrainingInputs.initialClick(sample, new SplittableRandom(5));
        ModelImage image = ModelImage.of(sample);

        SimulatedRun arm = Simulator.pointsFedBackPiFrozen(predictor, image, preference, initial, ROUNDS, SEED);

        // Each round as the predictor runs it: round 1's pi throughout, the prompts growing by the point of the
        // candidate nearest the preference, labelled from the preference, with SpaSession's round seeds.
        List<Click> clicks = new ArrayList<>(List.of(initial));
        for (int r = 0; r < ROUNDS; r++) {
            CandidateAnalysis.Analysis round = predictor.run(new SpaPredictor.RoundRequest(image, clicks,
                    model.initialPi(), Seeds.mix(SEED, r + 1), model.config().samples())).analysis();
            assertThat(arm.dice()[r]).as("round %d", r + 1).isEqualTo(round.recommended().dice(preference));
            CandidateAnalysis.Candidate chosen = round.candidates().get(round.nearestTo(preference));
            clicks.add(new Click(chosen.feedbackX(), chosen.feedbackY(),
                    preference.get(chosen.feedbackX(), chosen.feedbackY())));
        }
        assertThat(arm.choices()).isEqualTo(ROUNDS - 1);
        assertThat(arm.profile()).as("no profile: pi never moves").isNull();
    }

    @Test
    void roundTwoIsWhatSpaSessionsFedBackPointGivesWithRoundOnesPiWhileSpaMovesPi() {
        MultiRaterSample sample = MultiRaterGenerator.standard(RaterPanel.defaults(Task.OPTIC_CUP)).sample(32);
        BinaryMask preference = sample.raterMasks().get(0);
        Click initial = TrainingInputs.initialClick(sample, new SplittableRandom(6));
        ModelImage image = ModelImage.of(sample);

        SimulatedRun arm = Simulator.pointsFedBackPiFrozen(predictor, image, preference, initial, ROUNDS, SEED);
        SimulatedRun spa = Simulator.spa(predictor, image, preference, initial, null, ROUNDS, SEED);
        SimulatedRun frozen = Simulator.frozen(predictor, image, preference, initial, ROUNDS, SEED);
        assertThat(arm.dice()[0]).isEqualTo(spa.dice()[0]).isEqualTo(frozen.dice()[0]);

        // SPA's first choice, as Simulator.spa makes it: the prompts it feeds back are the arm's round-2 prompts.
        SpaSession session = SpaSession.start(predictor, image, initial, null, SEED);
        CandidateAnalysis.Analysis first = session.lastRound().analysis();
        int k = first.nearestTo(preference);
        CandidateAnalysis.Candidate chosen = first.candidates().get(k);
        session.choose(k, preference.get(chosen.feedbackX(), chosen.feedbackY()));
        double roundTwo = predictor.run(new SpaPredictor.RoundRequest(image, session.state().clicks(),
                model.initialPi(), Seeds.mix(SEED, 2), model.config().samples())).analysis().recommended()
                .dice(preference);
        assertThat(arm.dice()[1]).isEqualTo(roundTwo);
        assertThat(session.state().piInput()).as("SPA's next pi input: the chosen candidate's estimate")
                .isNotEqualTo(model.initialPi());
    }
}
