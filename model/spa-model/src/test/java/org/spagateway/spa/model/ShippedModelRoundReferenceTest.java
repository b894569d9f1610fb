package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.data.MultiRaterSample;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Task;

/**
 * Inference gives the same answer on every CPU: round 1 of each shipped model on fixed synthetic images (the
 * phantom generator is plain Java, the same on every machine) against figures recorded on one machine. Forward
 * passes differ between instruction-set paths only by float32 rounding (relative 1e-7..1e-6), which can move a
 * pixel whose mean probability sits at 0.5 or a sample that sits between two clusters; the tolerances allow that
 * much and nothing more. A failure means the engine computes something else on this CPU (or the weights changed:
 * then re-record, see {@link #RECORD}).
 *
 * <p>Re-record after shipping new weights: {@code mvn -pl spa-model test -Dtest=ShippedModelRoundReferenceTest
 * -Dspa.reference.record=true}, and say in the commit on which CPU and oneDNN path.
 */
class ShippedModelRoundReferenceTest {

    /** System property that rewrites the reference files instead of checking against them. */
    static final String RECORD = "spa.reference.record";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final long[] IMAGE_SEEDS = {20261206L, 7L, 1234L};
    /** A candidate's pixel count may move by 1 % of its area (and at least 8 pixels) ... */
    private static final double PIXEL_TOLERANCE = 0.01;
    private static final int MIN_PIXEL_TOLERANCE = 8;
    /** ... its Dice to the raters' majority by 0.01, its share of the N samples by 1. */
    private static final double DICE_TOLERANCE = 0.01;
    private static final int SAMPLE_TOLERANCE = 1;

    /** One image's round-1 figures. {@code candidates} in the round's order (largest first). */
    record ImageRound(long imageSeed, int clickX, int clickY, Figures recommended, List<Figures> candidates) {
    }

    /** Pixels, samples represented (recommended: all N), and Dice to the fused majority of all raters. */
    record Figures(int pixels, int samples, double diceToMajority) {
    }

    /** The reference file: the model's weights it was recorded with, where, and the rounds. */
    record Reference(String model, String sha256, String recordedOn, List<ImageRound> rounds) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"optic-cup", "nodule"})
    void roundOneOfTheShippedModelMatchesTheFiguresRecordedOnAnotherCpu(String taskId) throws IOException {
        Task task = Task.fromId(taskId);
        Path params = Path.of("..", "..", "models", "spa-" + taskId + ".params");
        assertThat(params).as("the shipped weights").isReadable();
        Path file = Path.of("src", "test", "resources", "reference", "round1-spa-" + taskId + ".json");
        // The paper's recipe: these figures check the network's numerics on another CPU, whatever recipe it ships with.
        try (SpaModel model = SpaModel.load(params);
             SpaPredictor predictor = model.newPredictor(1, InferenceRecipe.PAPER)) {
            List<ImageRound> rounds = new ArrayList<>();
            MultiRaterGenerator generator = MultiRaterGenerator.standard(RaterPanel.defaults(task));
            for (long seed : IMAGE_SEEDS) {
                rounds.add(roundOne(predictor, generator.sample(seed)));
            }
            if (Boolean.getBoolean(RECORD)) {
                JSON.writeValue(file.toFile(), new Reference(model.info().name(), model.sha256(),
                        System.getProperty("spa.reference.machine", "unnamed machine"), rounds));
                return;
            }
            Reference reference = JSON.readValue(file.toFile(), Reference.class);
            assertThat(model.sha256()).as("weights the reference was recorded with (re-record after retraining)")
                    .isEqualTo(reference.sha256());
            for (int i = 0; i < rounds.size(); i++) {
                compare(rounds.get(i), reference.rounds().get(i), reference.recordedOn());
            }
        }
    }

    private static void compare(ImageRound actual, ImageRound expected, String recordedOn) {
        String where = "image " + expected.imageSeed() + " (reference recorded on " + recordedOn + ")";
        assertThat(actual.clickX()).as(where).isEqualTo(expected.clickX());
        assertThat(actual.clickY()).as(where).isEqualTo(expected.clickY());
        compare(actual.recommended(), expected.recommended(), where + ", recommended mask");
        assertThat(actual.candidates()).as(where).hasSameSizeAs(expected.candidates());
        for (int k = 0; k < expected.candidates().size(); k++) {
            compare(actual.candidates().get(k), expected.candidates().get(k), where + ", candidate " + (k + 1));
        }
    }

    private static void compare(Figures actual, Figures expected, String what) {
        int pixels = Math.max(MIN_PIXEL_TOLERANCE, (int) Math.ceil(PIXEL_TOLERANCE * expected.pixels()));
        assertThat(actual.pixels()).as(what + ": pixels").isCloseTo(expected.pixels(), Offset.offset(pixels));
        assertThat(actual.samples()).as(what + ": samples").isCloseTo(expected.samples(),
                Offset.offset(SAMPLE_TOLERANCE));
        assertThat(actual.diceToMajority()).as(what + ": Dice to the raters' majority")
                .isCloseTo(expected.diceToMajority(), Offset.offset(DICE_TOLERANCE));
    }

    private static ImageRound roundOne(SpaPredictor predictor, MultiRaterSample sample) {
        boolean[] agreed = sample.agreedForeground().pixels();
        int first = 0;
        while (!agreed[first]) {
            first++;
        }
        Click click = new Click(first % sample.size(), first / sample.size(), true);
        RoundResult round = SpaSession.start(predictor, ModelImage.of(sample), click, null, sample.seed())
                .lastRound();
        BinaryMask majority = sample.fuse(sample.allRaters(), 0.5f);
        int n = round.candidates().stream().mapToInt(RoundResult.Candidate::sampleCount).sum();
        List<Figures> candidates = round.candidates().stream()
                .map(c -> new Figures(c.mask().area(), c.sampleCount(), c.mask().dice(majority))).toList();
        return new ImageRound(sample.seed(), click.x(), click.y(),
                new Figures(round.recommended().area(), n, round.recommended().dice(majority)), candidates);
    }
}
