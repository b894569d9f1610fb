package org.spagateway.inference.worker.task;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.configuration.ConfigException;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.data.Task;
import org.spagateway.inference.worker.prep.NoduleLocator;
import org.spagateway.inference.worker.prep.OpticDiscLocator;
import org.spagateway.inference.worker.WorkerConfig;

/** The tasks this worker serves, with their models loaded once per process. Closing closes the models. */
public final class ServedTasks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServedTasks.class);

    private final Map<String, ServedTask> tasks;

    ServedTasks(Map<String, ServedTask> tasks) {
        this.tasks = Map.copyOf(tasks);
    }

    /** Loads every configured model; fails with the option's key when a model does not fit its task. */
    public static ServedTasks load(WorkerConfig config) {
        Map<String, ServedTask> loaded = new LinkedHashMap<>();
        try {
            Device device = InferenceDevice.resolve(config.device());
            for (Map.Entry<String, Path> entry : config.models().entrySet()) {
                loaded.put(entry.getKey(), load(entry.getKey(), entry.getValue(), device));
            }
        } catch (RuntimeException e) {
            loaded.values().forEach(task -> task.model().close());
            throw e;
        }
        return new ServedTasks(loaded);
    }

    private static ServedTask load(String taskId, Path params, Device device) {
        String key = WorkerConfig.MODEL_PREFIX + taskId;
        Task expected = switch (taskId) {
            case WorkerConfig.FUNDUS_OPTIC_CUP -> Task.OPTIC_CUP;
            case WorkerConfig.CT_LUNG_NODULE -> Task.NODULE;
            default -> throw new ConfigException(key, "no worker support for task " + taskId);
        };
        SpaModel model;
        try {
            model = SpaModel.load(params, device);
        } catch (RuntimeException e) {
            throw new ConfigException(key, "cannot load model " + params.toAbsolutePath() + ": " + e.getMessage());
        }
        if (!expected.id().equals(model.info().task())) {
            model.close();
            throw new ConfigException(key, "model " + params + " was trained for task '" + model.info().task()
                    + "', expected '" + expected.id() + "'");
        }
        LOG.info("Serving task {} with model {} ({} samples, {} candidates)", taskId, model.version(),
                model.config().samples(), model.config().clusters());
        return expected == Task.NODULE
                ? new ServedTask(taskId, model, expected, new NoduleLocator(), true)
                : new ServedTask(taskId, model, expected, new OpticDiscLocator(), false);
    }

    public Optional<ServedTask> find(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    public Map<String, ServedTask> all() {
        return tasks;
    }

    @Override
    public void close() {
        tasks.values().forEach(task -> task.model().close());
    }
}
