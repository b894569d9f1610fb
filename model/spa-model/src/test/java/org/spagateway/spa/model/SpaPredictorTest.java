package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.data.MultiRaterSample;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Task;

/**
 * A round as the predictor runs it (no autograd, the image's embedding kept across rounds, channels-last Fcomb and
 * attention, the decoder's broadcast upsampling and polyphase head) against the network's plain forward pass, on the
 * shipped optic-cup weights and several images and rounds: the mean probability map within 2e-5 everywhere, the
 * recommended mask the same except where the reference's mean probability is within 2e-5 of 0.5, the same
 * candidates; also with more samples than one chunk. A round whose samples several threads decode matches the
 * round on one thread the same way. A kept embedding gives exactly what a fresh predictor (a restarted worker)
 * computes.
 */
class SpaPredictorTest {

    private static final float PROBABILITY_TOLERANCE = 2e-5f;
    private static SpaModel model;
    private static SpaPredictor predictor;

    @BeforeAll
    static void load() {
        model = SpaModel.load(Path.of("..", "..", "models", "spa-optic-cup.params"));
        // The paper's recipe: the plain forward pass it is compared with draws from the pi-MLP's output.
        predictor = model.newPredictor(1, InferenceRecipe.PAPER);
    }

    @AfterAll
    static void close() {
        predictor.close();
        model.close();
    }

    @ParameterizedTest(name = "image seed {0}")
    @ValueSource(longs = {20261206L, 7L, 1234L})
    void roundsMatchThePlainForwardPassWithinFloatRounding(long imageSeed) {
        MultiRaterSample sample = sample(imageSeed);
        ModelImage image = ModelImage.of(sample);
        SpaSession session = SpaSession.start(predictor, image, agreedClick(sample), null, imageSeed);
        for (int round = 1; round <= 3; round++) {
            SessionState state = session.state();
            SpaPredictor.RoundRequest request = new SpaPredictor.RoundRequest(image, state.clicks(),
                    state.piInput(), 100 + round, model.config().samples());
            assertSameRound(predictor.run(request), predictor.runReference(request),
                    "image " + imageSeed + ", round " + round);
            session.choose(round % 4);
        }
    }

    @Test
    void aRoundOfMoreSamplesThanOneChunkMatchesThePlainForwardPass() {
        // An image no other test uses: the shared predictor keeps embeddings, and other tests expect theirs fresh.
        MultiRaterSample sample = sample(4242L);
        ModelImage image = ModelImage.of(sample);
        SessionState state = SpaSession.start(predictor, image, agreedClick(sample), null, 4242L).state();
        SpaPredictor.RoundRequest request = new SpaPredictor.RoundRequest(image, state.clicks(), state.piInput(), 5,
                ParallelSampleDecoder.SAMPLE_CHUNK + 12);
        assertSameRound(predictor.run(request), predictor.runReference(request),
                (ParallelSampleDecoder.SAMPLE_CHUNK + 12) + " samples");
    }

    @ParameterizedTest(name = "{0} sample threads, {1} samples")
    @CsvSource({"2, 48", "3, 50", "2, 60", "3, 5", "3, 4", "2, 100"})
    void aRoundOnSeveralSampleThreadsMatchesTheRoundOnOne(int threads, int samples) {
        MultiRaterSample sample = sample(99L);
        ModelImage image = ModelImage.of(sample);
        try (SpaPredictor one = model.newPredictor(); SpaPredictor several = model.newPredictor(threads)) {
            SessionState state = SpaSession.start(one, image, agreedClick(sample), null, 99L).state();
            for (long seed = 1; seed <= 3; seed++) {
                SpaPredictor.RoundRequest request = new SpaPredictor.RoundRequest(image, state.clicks(),
                        state.piInput(), seed, samples);
                assertSameRound(several.run(request), one.run(request), threads + " threads, round seed " + seed);
            }
        }
    }

    @Test
    void aPredictorFollowsItsModelsRecipeUnlessToldOtherwise() {
        assertThat(model.info().inference()).as("the shipped recipe (MODEL.md deviation 21)")
                .isEqualTo(new InferenceRecipe(0.75, 1, 1));
        try (SpaPredictor own = model.newPredictor();
             SpaPredictor paper = model.newPredictor(2, InferenceRecipe.PAPER)) {
            assertThat(own.recipe()).isEqualTo(model.info().inference());
            assertThat(paper.recipe()).isEqualTo(InferenceRecipe.PAPER);
        }
    }

    /** Posterior weight 1: the latents are drawn from the pi-MLP's input itself, here all from component 5. */
    @Test
    void aRoundWithPosteriorWeightOneDrawsEveryLatentFromThePosteriorItIsGiven() {
        MultiRaterSample sample = sample(97L);
        ModelImage image = ModelImage.of(sample);
        float[] posterior = new float[model.config().components()];
        posterior[5] = 1f;
        try (SpaPredictor follows = model.newPredictor(1, new InferenceRecipe(1, 1, 1))) {
            SpaPredictor.RoundOutput round = follows.run(new SpaPredictor.RoundRequest(image,
                    List.of(agreedClick(sample)), posterior, 3, model.config().samples()));
            assertThat(round.theta().pi()[5]).as("the weights drawn from").isEqualTo(1f);
            for (CandidateAnalysis.Candidate candidate : round.analysis().candidates()) {
                assertThat(candidate.piEstimate()[5]).as("candidate's estimate").isCloseTo(1f, within(1e-4f));
            }
        }
    }

    @Test
    void closingAPredictorStopsItsSampleThreads() {
        MultiRaterSample sample = sample(98L);
        long before = sampleThreads();
        try (SpaPredictor several = model.newPredictor(3)) {
            SpaSession.start(several, ModelImage.of(sample), agreedClick(sample), null, 98L);
            assertThat(sampleThreads()).as("the predictor's own threads, the caller's not counted")
                    .isEqualTo(before + 2);
        }
        assertThat(sampleThreads()).isEqualTo(before);
    }

    private static long sampleThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("spa-samples-")).count();
    }

    private static void assertSameRound(SpaPredictor.RoundOutput fast, SpaPredictor.RoundOutput reference,
                                        String where) {
        float[] expected = reference.analysis().meanProbability();
        float[] actual = fast.analysis().meanProbability();
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst).as(where + ": largest difference of the mean probability")
                .isLessThanOrEqualTo(PROBABILITY_TOLERANCE);
        boolean[] recommended = fast.analysis().recommended().pixels();
        boolean[] recommendedReference = reference.analysis().recommended().pixels();
        for (int i = 0; i < expected.length; i++) {
            if (recommended[i] != recommendedReference[i]) {
                assertThat(Math.abs(expected[i] - 0.5f)).as(where + ": pixel " + i + " differs")
                        .isLessThanOrEqualTo(PROBABILITY_TOLERANCE);
            }
        }
        List<CandidateAnalysis.Candidate> candidates = fast.analysis().candidates();
        List<CandidateAnalysis.Candidate> referenceCandidates = reference.analysis().candidates();
        for (int k = 0; k < candidates.size(); k++) {
            assertThat(candidates.get(k).members()).as(where + ": samples of candidate " + k)
                    .containsExactly(referenceCandidates.get(k).members());
        }
        assertThat(fast.theta().pi()).as(where).containsExactly(reference.theta().pi());
    }

    @Test
    void aKeptEmbeddingGivesExactlyWhatAFreshPredictorComputes() {
        MultiRaterSample sample = sample(99);
        ModelImage image = ModelImage.of(sample);
        SpaSession session = SpaSession.start(predictor, image, agreedClick(sample), null, 99);
        assertThat(session.lastRound().timings().embeddingReused()).isFalse();
        RoundResult second = session.choose(1);
        assertThat(second.timings().embeddingReused()).as("second round on the same image").isTrue();

        SessionState before = session.state();
        try (SpaPredictor restarted = model.newPredictor(1, predictor.recipe())) {
            ModelImage copied = new ModelImage(image.channels(), image.size(), image.pixels().clone());
            RoundResult afterRestart = SpaSession.resume(restarted, copied, before).choose(2);
            RoundResult kept = session.choose(2);
            assertThat(afterRestart.timings().embeddingReused()).isFalse();
            assertThat(kept.timings().embeddingReused()).isTrue();
            assertThat(kept.analysis().meanProbability()).containsExactly(afterRestart.analysis().meanProbability());
            assertThat(kept.state()).usingRecursiveComparison().isEqualTo(afterRestart.state());
        }
    }

    @Test
    void anotherImageIsEncodedAgainAndTheOldestEmbeddingIsDropped() {
        try (SpaPredictor fresh = model.newPredictor()) {
            for (int i = 0; i <= SpaPredictor.EMBEDDING_CACHE_IMAGES; i++) {
                MultiRaterSample sample = sample(500 + i);
                RoundResult round = SpaSession.start(fresh, ModelImage.of(sample), agreedClick(sample), null, i)
                        .lastRound();
                assertThat(round.timings().embeddingReused()).isFalse();
            }
            assertThat(fresh.embeddingsKept()).isEqualTo(SpaPredictor.EMBEDDING_CACHE_IMAGES);
            MultiRaterSample first = sample(500);
            assertThat(SpaSession.start(fresh, ModelImage.of(first), agreedClick(first), null, 1).lastRound()
                    .timings().embeddingReused()).as("the least recently used image was dropped").isFalse();
        }
    }

    @Test
    void pixelsChangedInPlaceAfterARoundAreEncodedAgainAndTheKeptEmbeddingStillServesTheOldOnes() {
        try (SpaPredictor fresh = model.newPredictor()) {
            MultiRaterSample sample = sample(77);
            float[] pixels = sample.image().clone();
            float[] original = pixels.clone();
            ModelImage image = new ModelImage(sample.task().channels(), sample.size(), pixels);
            Click click = agreedClick(sample);
            assertThat(SpaSession.start(fresh, image, click, null, 1).lastRound().timings().embeddingReused())
                    .isFalse();

            pixels[pixels.length / 2] += 0.25f;
            assertThat(SpaSession.start(fresh, image, click, null, 2).lastRound().timings().embeddingReused())
                    .as("other values in the same array: another image").isFalse();
            ModelImage unchanged = new ModelImage(image.channels(), image.size(), original);
            assertThat(SpaSession.start(fresh, unchanged, click, null, 3).lastRound().timings().embeddingReused())
                    .as("the values of the first round: the kept key is a copy, not the caller's array").isTrue();
        }
    }

    @Test
    void aRoundRunsWithoutAutogradAndRestoresTheThreadsGradMode() {
        MultiRaterSample sample = sample(3);
        boolean before = JniUtils.isGradMode();
        try {
            JniUtils.setGradMode(true);
            SpaSession.start(predictor, ModelImage.of(sample), agreedClick(sample), null, 3);
            assertThat(JniUtils.isGradMode()).isTrue();
            try (NoGradientScope scope = NoGradientScope.open()) {
                assertThat(JniUtils.isGradMode()).isFalse();
            }
            assertThat(JniUtils.isGradMode()).isTrue();
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    private static MultiRaterSample sample(long seed) {
        return MultiRaterGenerator.standard(RaterPanel.defaults(Task.OPTIC_CUP)).sample(seed);
    }

    private static Click agreedClick(MultiRaterSample sample) {
        boolean[] agreed = sample.agreedForeground().pixels();
        int first = 0;
        while (!agreed[first]) {
            first++;
        }
        return new Click(first % sample.size(), first / sample.size(), true);
    }
}
