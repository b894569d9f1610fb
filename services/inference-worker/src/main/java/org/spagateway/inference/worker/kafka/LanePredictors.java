package org.spagateway.inference.worker.kafka;

import java.util.HashMap;
import java.util.Map;
import org.spagateway.events.Topic;
import org.spagateway.inference.worker.task.ServedTask;
import org.spagateway.spa.model.SpaPredictor;

/**
 * One worker thread's predictors, one per task and lane: a round a clinician waits for (the interactive lane) decodes
 * its samples on the worker's sample threads; a new study's round decodes them on the worker thread alone, so in a
 * burst of studies the other cores stay with the rest of the chain (listener, routes, the SEG's export): on 2 cores
 * every round on both cores gave fewer studies per second in the one pair of runs measured (docs/benchmarks.md, SEG
 * round trip). With one
 * sample thread both lanes share one predictor, and with it the kept image embeddings. Not thread-safe: one per worker
 * thread, like the predictors it holds.
 */
final class LanePredictors implements AutoCloseable {

    private final int sampleThreads;
    private final Map<ServedTask, SpaPredictor> interactive = new HashMap<>();
    private final Map<ServedTask, SpaPredictor> newStudies;

    /** @param sampleThreads the interactive lane's sample threads (the worker's resolved setting) */
    LanePredictors(int sampleThreads) {
        this.sampleThreads = sampleThreads;
        this.newStudies = sampleThreads == 1 ? interactive : new HashMap<>();
    }

    /** The predictor for a record of {@code topic} on {@code task}, made on first use. */
    SpaPredictor forRecord(String topic, ServedTask task) {
        if (Topic.INFERENCE_INTERACTIVE.name().equals(topic)) {
            return interactive.computeIfAbsent(task, t -> t.model().newPredictor(sampleThreads));
        }
        return newStudies.computeIfAbsent(task, t -> t.model().newPredictor(1));
    }

    @Override
    public void close() {
        interactive.values().forEach(SpaPredictor::close);
        if (newStudies != interactive) {
            newStudies.values().forEach(SpaPredictor::close);
        }
        interactive.clear();
        newStudies.clear();
    }
}
