package org.spagateway.spa.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.SpaConfig;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Task;

/** A short training run (never the shipped models): the training code runs and the loss falls. */
class SpaTrainerTest {

    @Test
    void aShortTrainingRunLowersTheLossAndLeavesNoAccumulatedGradients() {
        SpaConfig config = SpaConfig.defaults(1).withSamples(8);
        TrainingOptions options = new TrainingOptions("spa-smoke", RaterPanel.defaults(Task.NODULE), List.of(3),
                config, 8, 0, 4, 4, 2, 8, 2e-3f, 0.5f, 5, 5);
        List<Double> stepLosses = new ArrayList<>();
        try (SpaModel model = SpaModel.create("spa-smoke", "nodule", config, 5)) {
            List<EpochReport> reports = new SpaTrainer(model, options).train(new SpaTrainer.Listener() {
                @Override
                public void step(int epoch, int step, int steps, double loss) {
                    stepLosses.add(loss);
                }

                @Override
                public void epoch(EpochReport report) {
                }
            });
            assertThat(reports).hasSize(4);
            assertThat(stepLosses).hasSize(8).allSatisfy(loss -> assertThat(loss).isFinite());
            assertThat(reports.get(3).loss()).isLessThan(0.8 * reports.get(0).loss());
            assertThat(reports.get(3).segmentationLoss()).isLessThan(reports.get(0).segmentationLoss());
            for (Parameter parameter : model.network().getParameters().values()) {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    assertThat(gradient.abs().sum().getFloat()).as(parameter.getName()).isZero();
                }
            }
        }
    }

    /**
     * Two identically seeded models trained step by step in the same JVM stay bit-identical. This guards against
     * reading freed memory in the backward pass (DJL's scalar operations under autograd, see Tensors), which showed
     * up as models that diverged at random steps.
     */
    @Test
    void trainingIsReproducibleStepForStep() {
        SpaConfig config = SpaConfig.defaults(1).withSamples(8);
        TrainingOptions options = new TrainingOptions("p", RaterPanel.defaults(Task.NODULE), List.of(3), config, 8,
                0, 1, 4, 2, 8, 2e-3f, 0.5f, 5, 5);
        var train = org.spagateway.spa.model.data.MultiRaterGenerator.standard(options.trainingPanel())
                .split(org.spagateway.spa.model.data.MultiRaterGenerator.Split.TRAIN, 8, 5);
        try (SpaModel a = SpaModel.create("p", "nodule", config, 5);
             SpaModel b = SpaModel.create("p", "nodule", config, 5)) {
            SpaTrainer first = new SpaTrainer(a, options);
            SpaTrainer second = new SpaTrainer(b, options);
            for (int step = 0; step < 5; step++) {
                var batch = train.subList((step % 2) * 4, (step % 2) * 4 + 4);
                assertThat(first.trainBatch(batch, step, 1, step + 1)).as("step %d", step)
                        .containsExactly(second.trainBatch(batch, step, 1, step + 1));
            }
            List<Parameter> pa = a.network().getParameters().values();
            List<Parameter> pb = b.network().getParameters().values();
            for (int i = 0; i < pa.size(); i++) {
                assertThat(pa.get(i).getArray().toFloatArray()).containsExactly(pb.get(i).getArray().toFloatArray());
            }
        }
    }

    /**
     * Two batches of four studies, every one in a rater's sequence, two simulated rounds each: the raters' profiles
     * hold eight studies, one per study (recorded after its last round), not one per round. Which estimate is recorded
     * and how a profile averages them, EmEstimateTest and RaterProfilesTest check.
     */
    @Test
    void eachStudyInARaterSequenceIsRecordedInTheRatersProfilesOnceAfterItsLastRound() {
        SpaConfig config = SpaConfig.defaults(1).withSamples(8);
        TrainingOptions options = everyStudyInASequence(config);
        try (SpaModel model = SpaModel.create("seq", "nodule", config, 5)) {
            SpaTrainer trainer = new SpaTrainer(model, options);
            assertThat(java.util.Arrays.stream(trainer.trainBatch(fourImages(options), 1, 1, 1))
                    .allMatch(Double::isFinite))
                    .isTrue();
            assertThat(java.util.Arrays.stream(trainer.trainBatch(fourImages(options), 2, 1, 2))
                    .allMatch(Double::isFinite))
                    .isTrue();
            assertThat(profileStudies(trainer, options)).isEqualTo(8);
            assertThat(trainer.validationRounds()).isEqualTo(3);
        }
    }

    /** The mixture recipe (ancestral sampling, latent approval estimates) on one batch of four sequence studies. */
    @Test
    void theMixtureRecipeTrainsWithFiniteLossesAndRecordsEachSequenceStudyInTheRatersProfiles() {
        SpaConfig config = SpaConfig.defaults(1).withSamples(8).withMixture(true, true);
        TrainingOptions options = everyStudyInASequence(config);
        try (SpaModel model = SpaModel.create("mix", "nodule", config, 5)) {
            SpaTrainer trainer = new SpaTrainer(model, options);
            double[] losses = trainer.trainBatch(fourImages(options), 1, 1, 1);
            assertThat(java.util.Arrays.stream(losses).allMatch(Double::isFinite)).isTrue();
            assertThat(losses[3]).as("pi-MLP loss").isPositive();
            assertThat(profileStudies(trainer, options)).isEqualTo(4);
        }
    }

    @Test
    void aLossThatIsNotFiniteStopsTrainingBeforeTheStepNamingWhereAndWhichTerm() {
        SpaConfig config = SpaConfig.defaults(1).withSamples(8);
        TrainingOptions options = everyStudyInASequence(config);
        try (SpaModel model = SpaModel.create("nan", "nodule", config, 5)) {
            SpaTrainer trainer = new SpaTrainer(model, options);
            NDArray headBias = model.network().getParameters().get("06decoder_11head_bias").getArray();
            headBias.set(new ai.djl.ndarray.index.NDIndex("0"), Float.NaN);
            assertThatThrownBy(() -> trainer.trainBatch(fourImages(options), 1, 3, 2))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageStartingWith("training diverged at epoch 3, step 2, round 1: the segmentation loss "
                            + "is not finite")
                    .satisfies(e -> assertThat(((TrainingDivergedException) e).term())
                            .isEqualTo("the segmentation loss"));
            assertThatThrownBy(() -> model.save(java.nio.file.Path.of("target", "never-written"), java.util.Map.of()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("06decoder_11head_bias");
            assertThat(java.nio.file.Path.of("target", "never-written", "nan.params")).doesNotExist();
        }
    }

    /** Issue 17's fair arms: the click baseline's studies are SPA's, single-rater sequences included. */
    @Test
    void theClickBaselineTrainsOnTheSameSingleRaterStudiesAsSpaAndTheDeterministicOneOnNone() {
        SpaConfig config = SpaConfig.defaults(1).withSamples(8);
        TrainingOptions spa = halfInSequences(config, TrainingOptions.Variant.SPA);
        TrainingOptions click = halfInSequences(config, TrainingOptions.Variant.CLICK);
        TrainingOptions deterministic = halfInSequences(config, TrainingOptions.Variant.DETERMINISTIC);
        List<org.spagateway.spa.model.data.MultiRaterSample> images = fourImages(spa);
        int sequenced = 0;
        int studies = 0;
        for (long batchSeed = 1; batchSeed <= 8; batchSeed++) {
            for (int i = 0; i < images.size(); i++) {
                org.spagateway.spa.model.data.MultiRaterSample sample = images.get(i);
                SpaTrainer.Study ofSpa = SpaTrainer.study(spa, sample, batchSeed, i, stream(batchSeed, i));
                SpaTrainer.Study ofClick = SpaTrainer.study(click, sample, batchSeed, i, stream(batchSeed, i));
                assertThat(ofClick).as("batch %d, study %d", batchSeed, i).isEqualTo(ofSpa);
                assertThat(SpaTrainer.study(deterministic, sample, batchSeed, i, stream(batchSeed, i)).rater())
                        .isEqualTo(-1);
                if (ofSpa.rater() >= 0) {
                    assertThat(ofSpa.preference()).isEqualTo(sample.raterMasks().get(ofSpa.rater()));
                    sequenced++;
                }
                studies++;
            }
        }
        assertThat(sequenced).as("about half of %d studies in sequences", studies).isBetween(8, 24);
    }

    private static java.util.SplittableRandom stream(long batchSeed, int i) {
        return new java.util.SplittableRandom(org.spagateway.spa.model.data.Seeds.mix(batchSeed, i));
    }

    private static TrainingOptions halfInSequences(SpaConfig config, TrainingOptions.Variant variant) {
        return new TrainingOptions("half", RaterPanel.defaults(Task.NODULE), List.of(), config, 4, 0, 1, 4, 2, 8,
                2e-3f, 0.5f, 5, 5, variant, 0.5f);
    }

    private static TrainingOptions everyStudyInASequence(SpaConfig config) {
        return new TrainingOptions("seq", RaterPanel.defaults(Task.NODULE), List.of(3), config, 4, 0, 1, 4, 2, 8,
                2e-3f, 0.5f, 5, 5, TrainingOptions.Variant.SPA, 1f);
    }

    private static List<org.spagateway.spa.model.data.MultiRaterSample> fourImages(TrainingOptions options) {
        return org.spagateway.spa.model.data.MultiRaterGenerator.standard(options.trainingPanel())
                .split(org.spagateway.spa.model.data.MultiRaterGenerator.Split.TRAIN, 4, 5);
    }

    private static int profileStudies(SpaTrainer trainer, TrainingOptions options) {
        int studies = 0;
        for (int rater = 0; rater < options.trainingPanel().size(); rater++) {
            studies += trainer.profileStudies(rater);
        }
        return studies;
    }
}
