package org.spagateway.inference.worker;

import java.nio.file.Path;
import java.util.Map;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.inference.worker.task.ServedTask;
import org.spagateway.inference.worker.task.ServedTasks;

/** One task's shipped model loaded the way the worker loads it, with one predictor for the test thread. */
public final class ServedTaskFixture implements AutoCloseable {

    private final ServedTasks tasks;
    private final ServedTask task;
    private final SpaPredictor predictor;

    private ServedTaskFixture(ServedTasks tasks, ServedTask task, SpaPredictor predictor) {
        this.tasks = tasks;
        this.task = task;
        this.predictor = predictor;
    }

    public static ServedTaskFixture load(String taskId, Path model) {
        ServedTasks tasks = ServedTasks.load(WorkerFixtures.config(Map.of(taskId, model), Path.of("unused")));
        ServedTask task = tasks.find(taskId).orElseThrow();
        return new ServedTaskFixture(tasks, task, task.model().newPredictor());
    }

    public ServedTask task() {
        return task;
    }

    public SpaPredictor predictor() {
        return predictor;
    }

    @Override
    public void close() {
        predictor.close();
        tasks.close();
    }
}
