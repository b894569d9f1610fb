package org.spagateway.inference.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceLane;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.InstanceReference;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.ExampleEvents;

/** Synthetic fundus studies and the InferenceRequested events the router would publish for them. */
public final class WorkerFixtures {

    public static final Instant REQUESTED_AT = Instant.parse("2026-11-27T10:15:31.455Z");

    private WorkerFixtures() {
    }

    /**
     * Fails the calling test unless {@code model} is readable. The models under models/ are committed, so a missing
     * one is a broken checkout or a wrong {@code spa.models.dir}, never a reason to skip.
     */
    public static Path requireModel(Path model) {
        if (!Files.isReadable(model)) {
            throw new AssertionError("no SPA model at " + model.toAbsolutePath() + ": the models under models/ are "
                    + "committed to the repository (see models/*.md for how they were trained)");
        }
        return model;
    }

    /** The optic-cup model trained by spa-model (models/ at the repository root), or the system property's. */
    public static Path fundusModel() {
        return Path.of(System.getProperty("spa.models.dir", "../../models")).resolve("spa-optic-cup.params");
    }

    /** A worker configuration for {@code models}: one thread, no retry back-off, a small image cache. */
    public static WorkerConfig config(Map<String, Path> models, Path outputRoot) {
        return new WorkerConfig(true, models, outputRoot, 1, 1, 4, "spa-inference-worker", "cpu", 2,
                Duration.ofMillis(200), 8, Duration.ofSeconds(30));
    }

    public static GeneratedStudy fundusStudy(long seed, Path directory) throws IOException {
        return new SyntheticStudyGenerator().generate(StudySpec.of(DemoTask.FUNDUS, 1, seed), directory);
    }

    public static Path noduleModel() {
        return Path.of(System.getProperty("spa.models.dir", "../../models")).resolve("spa-nodule.params");
    }

    /** Three contiguous axial slices through a nodule, the middle one through its centre. */
    public static GeneratedStudy ctStudy(long seed, Path directory) throws IOException {
        return new SyntheticStudyGenerator().generate(StudySpec.of(DemoTask.CT, 3, seed), directory);
    }

    public static EventEnvelope<InferenceRequested> request(GeneratedStudy study, String task) throws IOException {
        List<InstanceReference> instances = new java.util.ArrayList<>();
        for (Path file : study.files()) {
            String sop = file.getFileName().toString().replaceFirst("\\.dcm$", "");
            instances.add(new InstanceReference(sop, study.sopClassUid(), "1.2.840.10008.1.2.1",
                    file.toUri().toString(), Files.size(file)));
        }
        boolean ct = task.startsWith("ct-");
        InferenceRequested data = new InferenceRequested("req-" + study.studyInstanceUid().hashCode(),
                study.studyInstanceUid(), 1, task, ct ? "ct-chest" : "fundus", InferenceLane.NEW_STUDY,
                study.seriesInstanceUid(), ct ? "CT" : "OP", instances, ExampleEvents.PATIENT_PSEUDONYM);
        return EventEnvelope.withId("evt-" + study.studyInstanceUid().hashCode(), EventType.INFERENCE_REQUESTED,
                "/spa-gateway/routes/inference-router", study.studyInstanceUid(), "corr-1", REQUESTED_AT, data);
    }

}
