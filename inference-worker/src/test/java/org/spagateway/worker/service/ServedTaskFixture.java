package org.spagateway.worker.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.spagateway.model.SpaPredictor;

/** One task's shipped model loaded the way the worker loads it, with one predictor for the test thread. */
final class ServedTaskFixture implements AutoCloseable {

    private final ServedTasks tasks;
    private final ServedTask task;
    private final SpaPredictor predictor;

    private ServedTaskFixture(ServedTasks tasks, ServedTask task, SpaPredictor predictor) {
        this.tasks = tasks;
        this.task = task;
        this.predictor = predictor;
    }

    static ServedTaskFixture load(String taskId, Path model) {
        ServedTasks tasks = ServedTasks.load(new WorkerConfig(true, Map.of(taskId, model), Path.of("unused"), 1, 1,
                "g", "cpu", 1, Duration.ofMillis(1)));
        ServedTask task = tasks.find(taskId).orElseThrow();
        return new ServedTaskFixture(tasks, task, task.model().newPredictor());
    }

    ServedTask task() {
        return task;
    }

    SpaPredictor predictor() {
        return predictor;
    }

    @Override
    public void close() {
        predictor.close();
        tasks.close();
    }
}
