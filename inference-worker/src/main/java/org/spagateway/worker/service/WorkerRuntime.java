package org.spagateway.worker.service;

import java.time.Clock;
import org.spagateway.events.EventCodec;
import org.spagateway.kafkasupport.KafkaConfig;
import org.spagateway.worker.seg.SegmentationEquipment;
import org.spagateway.worker.seg.SegmentationWriter;

/**
 * The inference worker as one closeable service: loads the configured models, then joins the consumer group.
 * Closing stops the consumer and threads first, then releases the models.
 */
public final class WorkerRuntime implements AutoCloseable {

    private final ServedTasks tasks;
    private final InferenceWorker worker;

    private WorkerRuntime(ServedTasks tasks, InferenceWorker worker) {
        this.tasks = tasks;
        this.worker = worker;
    }

    public static WorkerRuntime start(WorkerConfig config, KafkaConfig kafka) {
        ServedTasks tasks = ServedTasks.load(config);
        try {
            InferenceRequestHandler handler = new InferenceRequestHandler(new EventCodec(), tasks,
                    new CandidateRoundRunner(new SegmentationWriter(SegmentationEquipment.defaults()),
                            config.outputRoot(), Clock.systemUTC()));
            return new WorkerRuntime(tasks, InferenceWorker.start(config, kafka, handler));
        } catch (RuntimeException e) {
            tasks.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            worker.close();
        } finally {
            tasks.close();
        }
    }
}
