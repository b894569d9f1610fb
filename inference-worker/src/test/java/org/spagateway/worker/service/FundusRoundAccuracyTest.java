package org.spagateway.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spagateway.model.RoundResult;
import org.spagateway.model.SpaPredictor;
import org.spagateway.model.SpaSession;
import org.spagateway.phantoms.FundusPhantom;
import org.spagateway.phantoms.PhantomSample;
import org.spagateway.worker.image.SourcePixels;
import org.spagateway.worker.prep.CropWindow;
import org.spagateway.worker.prep.MaskProjection;
import org.spagateway.worker.prep.ModelInputSampler;
import org.spagateway.worker.prep.PhantomImages;
import org.spagateway.worker.seg.MaskGrid;

/** The whole geometry chain (locate, crop, resample, run, map back) lands the cup where the phantom has it. */
class FundusRoundAccuracyTest {

    private static ServedTasks tasks;
    private static SpaPredictor predictor;

    @BeforeAll
    static void loadModel() {
        assumeTrue(Files.isReadable(WorkerFixtures.fundusModel()), "no trained model");
        tasks = ServedTasks.load(new WorkerConfig(true,
                Map.of(WorkerConfig.FUNDUS_OPTIC_CUP, WorkerFixtures.fundusModel()), Path.of("unused"), 1, 1, "g",
                "cpu", 1, Duration.ofMillis(1)));
        predictor = tasks.find(WorkerConfig.FUNDUS_OPTIC_CUP).orElseThrow().model().newPredictor();
    }

    @AfterAll
    static void close() {
        if (predictor != null) {
            predictor.close();
        }
        if (tasks != null) {
            tasks.close();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 77})
    void recommendedMaskOnTheSourceGridOverlapsThePhantomCup(long seed) throws Exception {
        ServedTask task = tasks.find(WorkerConfig.FUNDUS_OPTIC_CUP).orElseThrow();
        PhantomSample phantom = FundusPhantom.fromSeed(seed).render(512);
        SourcePixels pixels = PhantomImages.pixels(phantom.image());
        CropWindow window = task.locator().locate(pixels, task.inputSize()).window();

        RoundResult round = SpaSession.start(predictor, ModelInputSampler.sample(pixels, window,
                task.modelTask()::normalise), task.initialClick(), null, 1L).lastRound();
        MaskGrid recommended = MaskProjection.toSource(round.recommended(), window, 512, 512);
        MaskGrid truth = MaskGrid.of(512, 512, phantom.structure(FundusPhantom.OPTIC_CUP).thresholdAt(0.5f));

        assertThat(CandidatesReadyMapper.dice(recommended, truth)).isGreaterThan(0.7);
    }
}
