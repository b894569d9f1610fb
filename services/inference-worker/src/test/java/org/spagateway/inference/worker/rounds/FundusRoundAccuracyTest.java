package org.spagateway.inference.worker.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spagateway.spa.model.RoundResult;
import org.spagateway.spa.model.SpaSession;
import org.spagateway.phantoms.FundusPhantom;
import org.spagateway.phantoms.PhantomSample;
import org.spagateway.dicom.objects.SourcePixels;
import org.spagateway.inference.worker.prep.CropWindow;
import org.spagateway.inference.worker.prep.MaskProjection;
import org.spagateway.inference.worker.prep.ModelInputSampler;
import org.spagateway.inference.worker.prep.PhantomImages;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.inference.worker.ServedTaskFixture;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.WorkerFixtures;
import org.spagateway.inference.worker.task.ServedTask;

/** The whole geometry chain (locate, crop, resample, run, map back) lands the cup where the phantom has it. */
class FundusRoundAccuracyTest {

    private static ServedTaskFixture served;

    @BeforeAll
    static void loadModel() {
        WorkerFixtures.requireModel(WorkerFixtures.fundusModel());
        served = ServedTaskFixture.load(WorkerConfig.FUNDUS_OPTIC_CUP, WorkerFixtures.fundusModel());
    }

    @AfterAll
    static void close() {
        if (served != null) {
            served.close();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 77})
    void recommendedMaskOnTheSourceGridOverlapsThePhantomCup(long seed) throws Exception {
        ServedTask task = served.task();
        PhantomSample phantom = FundusPhantom.fromSeed(seed).render(512);
        SourcePixels pixels = PhantomImages.pixels(phantom.image());
        CropWindow window = task.locator().locate(pixels, task.inputSize()).window();

        RoundResult round = SpaSession.start(served.predictor(), ModelInputSampler.sample(pixels, window,
                task.modelTask()::normalise), task.initialClick(), null, 1L).lastRound();
        MaskGrid recommended = MaskProjection.toSource(round.recommended(), window, 512, 512);
        MaskGrid truth = MaskGrid.of(512, 512, phantom.structure(FundusPhantom.OPTIC_CUP).thresholdAt(0.5f));

        assertThat(CandidatesReadyMapper.dice(recommended, truth)).isGreaterThan(0.7);
    }
}
