package org.spagateway.inference.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spagateway.events.Topic;
import org.spagateway.inference.worker.ServedTaskFixture;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.task.ServedTask;
import org.spagateway.spa.model.SpaPredictor;

class LanePredictorsTest {

    private static final String INTERACTIVE = Topic.INFERENCE_INTERACTIVE.name();
    private static final String NEW_STUDIES = Topic.INFERENCE_REQUESTED.name();
    private static ServedTaskFixture fixture;

    @BeforeAll
    static void load() {
        fixture = ServedTaskFixture.load(WorkerConfig.FUNDUS_OPTIC_CUP, Path.of("..", "..", "models",
                "spa-optic-cup.params"));
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @Test
    void interactiveRoundsGetTheSampleThreadsAndNewStudiesDecodeOnTheWorkerThreadAlone() {
        ServedTask task = fixture.task();
        try (LanePredictors predictors = new LanePredictors(2)) {
            SpaPredictor interactive = predictors.forRecord(INTERACTIVE, task);
            SpaPredictor newStudies = predictors.forRecord(NEW_STUDIES, task);

            assertThat(interactive.sampleThreads()).isEqualTo(2);
            assertThat(newStudies.sampleThreads()).isEqualTo(1);
            assertThat(predictors.forRecord(INTERACTIVE, task)).as("made once per lane").isSameAs(interactive);
            assertThat(predictors.forRecord(NEW_STUDIES, task)).isSameAs(newStudies);
        }
    }

    @Test
    void withOneSampleThreadBothLanesShareOnePredictorAndItsKeptEmbeddings() {
        ServedTask task = fixture.task();
        try (LanePredictors predictors = new LanePredictors(1)) {
            assertThat(predictors.forRecord(NEW_STUDIES, task)).isSameAs(predictors.forRecord(INTERACTIVE, task));
        }
    }
}
