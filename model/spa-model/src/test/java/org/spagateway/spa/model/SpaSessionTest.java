package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.data.MultiRaterSample;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Task;

/** Session mechanics on an untrained (randomly initialised, seeded) network: fast and independent of training. */
class SpaSessionTest {

    private static final SpaConfig CONFIG = SpaConfig.defaults(1).withSamples(24);
    private static SpaModel model;
    private static SpaPredictor predictor;
    private static MultiRaterSample sample;
    private static Click click;

    @BeforeAll
    static void createModel() {
        model = SpaModel.create("spa-test", "nodule", CONFIG, 3);
        predictor = model.newPredictor();
        sample = MultiRaterGenerator.standard(RaterPanel.defaults(Task.NODULE)).sample(21);
        boolean[] agreed = sample.agreedForeground().pixels();
        int i = 0;
        while (!agreed[i]) {
            i++;
        }
        click = new Click(i % sample.size(), i / sample.size(), true);
    }

    @AfterAll
    static void close() {
        predictor.close();
        model.close();
    }

    private static SpaSession start(long seed) {
        return SpaSession.start(predictor, ModelImage.of(sample), click, null, seed);
    }

    @Test
    void aRoundShowsARecommendationAndKCandidatesCoveringAllSamples() {
        RoundResult round = start(1).lastRound();
        assertThat(round.round()).isEqualTo(1);
        assertThat(round.recommended().width()).isEqualTo(128);
        assertThat(round.candidates()).hasSize(4);
        assertThat(round.candidates().stream().mapToInt(RoundResult.Candidate::sampleCount).sum()).isEqualTo(24);
        assertThat(round.candidates()).isSortedAccordingTo(
                (a, b) -> Integer.compare(b.sampleCount(), a.sampleCount()));
        double[][] dice = round.pairwiseDice();
        for (int a = 0; a < 4; a++) {
            assertThat(dice[a][a]).isEqualTo(1.0);
            for (int b = 0; b < 4; b++) {
                assertThat(dice[a][b]).isEqualTo(dice[b][a]);
            }
        }
        assertThat(round.theta().pi()).hasSize(16);
        assertThat(round.state().choices()).hasSize(4);
    }

    @Test
    void theSameSeedReproducesEveryRoundAndAnotherSeedDoesNot() {
        SpaSession a = start(5);
        SpaSession b = start(5);
        assertThat(a.lastRound().recommended()).isEqualTo(b.lastRound().recommended());
        RoundResult a2 = a.choose(1);
        RoundResult b2 = b.choose(1);
        assertThat(a2.analysis().meanProbability()).containsExactly(b2.analysis().meanProbability());
        assertThat(a2.state()).usingRecursiveComparison().isEqualTo(b2.state());
        assertThat(start(6).lastRound().analysis().meanProbability())
                .isNotEqualTo(a.lastRound().analysis().meanProbability());
    }

    @Test
    void choosingAddsTheCandidatesFeedbackPointAndItsPiEstimate() {
        SpaSession session = start(2);
        SessionState.PendingChoice choice = session.state().choices().get(2);
        RoundResult next = session.choose(2, false);
        assertThat(next.round()).isEqualTo(2);
        assertThat(next.state().clicks()).hasSize(2)
                .last().isEqualTo(new Click(choice.x(), choice.y(), false));
        assertThat(next.state().piInput()).containsExactly(choice.piEstimate());
        assertThat(next.state().chosen()).containsExactly(2);
    }

    @Test
    void rejectingAllCandidatesRunsTheNextRoundWithTheSameClicksAndRecordsTheRejection() {
        SpaSession session = start(12);
        SessionState before = session.state();

        RoundResult next = session.rejectAll();

        assertThat(next.round()).isEqualTo(2);
        assertThat(next.state().clicks()).isEqualTo(before.clicks());
        assertThat(next.state().chosen()).containsExactly(SpaSession.REJECTED_ALL);
        assertThat(next.state().choices()).hasSize(4);
        assertThat(next.state().piInput()).isNotEqualTo(before.piInput());
        assertThat(SessionState.fromJson(next.state().toJson()).chosen()).containsExactly(SpaSession.REJECTED_ALL);
    }

    @Test
    void rejectingAllIsDeterministicAndContinuesFromASerialisedState() {
        SpaSession here = start(13);
        SpaSession there = SpaSession.resume(predictor, ModelImage.of(sample),
                SessionState.fromJson(start(13).state().toJson()));

        RoundResult local = here.rejectAll();
        RoundResult remote = there.rejectAll();

        assertThat(remote.analysis().meanProbability()).containsExactly(local.analysis().meanProbability());
        assertThat(remote.state()).usingRecursiveComparison().isEqualTo(local.state());
    }

    @Test
    void rejectingAllMovesPiAwayFromTheComponentsThatExplainTheRejectedCandidates() {
        float[] uniform = new float[4];
        Arrays.fill(uniform, 0.25f);
        // Three samples' worth of candidates on component 0, one on component 1; components 2 and 3 were not shown.
        List<SessionState.PendingChoice> rejected = List.of(
                new SessionState.PendingChoice(0, 0, true, new float[] {1f, 0f, 0f, 0f}, 3),
                new SessionState.PendingChoice(0, 0, true, new float[] {0f, 1f, 0f, 0f}, 1));

        float[] pi = SpaSession.awayFrom(uniform, rejected);

        double sum = 0;
        for (float v : pi) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, Offset.offset(1e-6));
        assertThat(pi[2]).isEqualTo(pi[3]).isGreaterThan(pi[1]);
        assertThat(pi[1]).isGreaterThan(pi[0]);
        assertThat(pi[0]).as("a component that explained every rejected sample keeps a floor").isPositive();
        float[] allOnOne = SpaSession.awayFrom(uniform,
                List.of(new SessionState.PendingChoice(0, 0, true, new float[] {1f, 0f, 0f, 0f}, 4)));
        assertThat(allOnOne[0] / allOnOne[1]).isCloseTo((float) SpaSession.MIN_KEPT_AFTER_REJECTION,
                Offset.offset(1e-6f));
    }

    @Test
    void anApprovedSessionCannotRejectAll() {
        SpaSession session = start(14);
        session.approve();
        assertThatThrownBy(session::rejectAll).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSerialisedStateContinuesOnAnotherModelInstanceLoadedFromDisk(@TempDir Path dir) {
        SpaSession here = start(9);
        String json = here.state().toJson();
        model.save(dir, Map.of());
        try (SpaModel elsewhere = SpaModel.load(dir.resolve("spa-test.params"));
             SpaPredictor otherPredictor = elsewhere.newPredictor()) {
            assertThat(elsewhere.version()).isNotEqualTo(model.version());
            assertThatThrownBy(() -> SpaSession.resume(otherPredictor, ModelImage.of(sample),
                    SessionState.fromJson(json))).hasMessageContaining("model");
            SessionState restamped = new SessionState(1, elsewhere.version(), 9, 1,
                    here.state().clicks(), here.state().piInput(), here.state().choices(), here.state().chosen(),
                    false, here.state().approvalEstimate());
            SpaSession there = SpaSession.resume(otherPredictor, ModelImage.of(sample),
                    SessionState.fromJson(restamped.toJson()));
            RoundResult remote = there.choose(0);
            RoundResult local = here.choose(0);
            assertThat(remote.analysis().meanProbability()).containsExactly(local.analysis().meanProbability());
        }
    }

    @Test
    void savingTwiceReplacesTheCheckpointAndLeavesNoPartFiles(@TempDir Path dir) throws Exception {
        String first = model.save(dir, Map.of("epoch", 1));
        String second = model.save(dir, Map.of("epoch", 2));
        assertThat(second).isEqualTo(first);
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("spa-test.params",
                    "spa-test.json");
        }
        assertThat(java.nio.file.Files.readString(dir.resolve("spa-test.json"))).contains("\"epoch\" : 2");
        try (SpaModel loaded = SpaModel.load(dir.resolve("spa-test.params"))) {
            assertThat(loaded.version()).endsWith(first.substring(0, 12));
        }
    }

    @Test
    void aPriorPiChangesTheFirstRound() {
        float[] prior = new float[16];
        prior[3] = 1f;
        RoundResult withPrior = SpaSession.start(predictor, ModelImage.of(sample), click, prior, 4).lastRound();
        RoundResult cold = start(4).lastRound();
        assertThat(withPrior.state().piInput()).containsExactly(prior);
        assertThat(withPrior.theta().pi()).isNotEqualTo(cold.theta().pi());
        assertThat(Arrays.equals(withPrior.analysis().meanProbability(), cold.analysis().meanProbability())).isFalse();
    }

    @Test
    void anApprovedSessionAcceptsNoMoreChoicesAndInvalidChoicesAreRejected() {
        SpaSession session = start(3);
        assertThatThrownBy(() -> session.choose(4)).hasMessageContaining("no candidate 4");
        SessionState done = session.approve();
        assertThat(done.approved()).isTrue();
        assertThat(done.approvalEstimate()).hasSize(16);
        assertThatThrownBy(() -> session.choose(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void roundsReleaseTheirArraysSoNothingAccumulatesAcrossRounds() {
        SpaSession session = start(11);
        session.choose(0);
        long before = ((ai.djl.ndarray.BaseNDManager) model.djlModel().getNDManager()).getManagedArrays().size();
        for (int i = 0; i < 4; i++) {
            session.choose(i % 4);
        }
        long after = ((ai.djl.ndarray.BaseNDManager) model.djlModel().getNDManager()).getManagedArrays().size();
        assertThat(after).isEqualTo(before);
        // The count does include sub-managers: an array left open in one shows up.
        try (ai.djl.ndarray.NDManager scope = model.djlModel().getNDManager().newSubManager()) {
            scope.zeros(new ai.djl.ndarray.types.Shape(1));
            assertThat(((ai.djl.ndarray.BaseNDManager) model.djlModel().getNDManager()).getManagedArrays())
                    .hasSize((int) before + 1);
        }
    }

    @Test
    void aPriorWithTheWrongNumberOfComponentsIsRejected() {
        assertThatThrownBy(() -> SpaSession.start(predictor, ModelImage.of(sample), click, new float[3], 1))
                .hasMessageContaining("3 components");
    }

    @Test
    void aRoundOfAModelWhoseWeightsHoldNanFailsAsInvalidModelOutput() {
        try (SpaModel broken = SpaModel.create("spa-broken", "nodule", CONFIG, 3);
             SpaPredictor brokenPredictor = broken.newPredictor()) {
            broken.network().getParameters().get("06decoder_11head_bias").getArray()
                    .set(new ai.djl.ndarray.index.NDIndex("0"), Float.NaN);
            assertThatThrownBy(() -> SpaSession.start(brokenPredictor, ModelImage.of(sample), click, null, 1))
                    .isInstanceOf(ModelOutputInvalidException.class)
                    .hasMessageContaining("sample probability maps");
        }
    }
}
