package org.spagateway.inference.worker.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spagateway.spa.model.RoundResult;
import org.spagateway.spa.model.SpaSession;
import org.spagateway.phantoms.NodulePhantom;
import org.spagateway.phantoms.PhantomSample;
import org.spagateway.dicom.objects.SourcePixels;
import org.spagateway.inference.worker.prep.CropWindow;
import org.spagateway.inference.worker.prep.MaskProjection;
import org.spagateway.inference.worker.prep.ModelInputSampler;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.inference.worker.ServedTaskFixture;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.WorkerFixtures;
import org.spagateway.inference.worker.task.ServedTask;

/** Locate, crop, run and map back on a CT slice: the recommended mask lands on the phantom's nodule. */
class NoduleRoundAccuracyTest {

    private static final int SIZE = 512;

    private static ServedTaskFixture served;

    @BeforeAll
    static void loadModel() {
        WorkerFixtures.requireModel(WorkerFixtures.noduleModel());
        served = ServedTaskFixture.load(WorkerConfig.CT_LUNG_NODULE, WorkerFixtures.noduleModel());
    }

    @AfterAll
    static void close() {
        if (served != null) {
            served.close();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 19})
    void recommendedMaskOnTheSourceGridOverlapsThePhantomNodule(long seed) throws Exception {
        ServedTask task = served.task();
        PhantomSample slice = NodulePhantom.fromSeed(seed).renderSlice(SIZE, 0.0);
        SourcePixels pixels = new SourcePixels(SIZE, SIZE, 1, NodulePhantom.FIELD_OF_VIEW_MM / SIZE,
                slice.image().pixels().clone());
        CropWindow window = task.locator().locate(pixels, task.inputSize()).window();

        RoundResult round = SpaSession.start(served.predictor(), ModelInputSampler.sample(pixels, window,
                task.modelTask()::normalise), task.initialClick(), null, 1L).lastRound();
        MaskGrid recommended = MaskProjection.toSource(round.recommended(), window, SIZE, SIZE);
        MaskGrid truth = MaskGrid.of(SIZE, SIZE, slice.structure(NodulePhantom.NODULE).thresholdAt(0.5f));

        assertThat(CandidatesReadyMapper.dice(recommended, truth)).isGreaterThan(0.6);
    }
}
