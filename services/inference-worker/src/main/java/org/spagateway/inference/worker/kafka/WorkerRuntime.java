package org.spagateway.inference.worker.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.EventCodec;
import org.spagateway.health.Health;
import org.spagateway.kafka.support.DeadLetterCounter;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.rounds.InferenceRequestHandler;
import org.spagateway.inference.worker.rounds.PreferenceProfiles;
import org.spagateway.inference.worker.sources.SourceFetchConfig;
import org.spagateway.inference.worker.sources.SourceInstances;
import org.spagateway.inference.worker.task.ServedTasks;

/**
 * The inference worker as one closeable service: loads the configured models, starts reading the preference
 * profiles (and waits up to {@code spa.worker.profile-catch-up} for what the topic holds), then joins the consumer
 * group. Closing stops the consumer and threads first, then the profile view, then releases the models.
 */
public final class WorkerRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

    private final ServedTasks tasks;
    private final ProfileView profiles;
    private final InferenceWorker worker;
    private final SourceInstances sources;

    private WorkerRuntime(ServedTasks tasks, ProfileView profiles, InferenceWorker worker, SourceInstances sources) {
        this.tasks = tasks;
        this.profiles = profiles;
        this.worker = worker;
        this.sources = sources;
    }

    /**
     * @param ledger  the session ledger ({@code spa.sessions.*}), the database the choice ingress uses too; the caller
     *                closes it after this runtime
     * @param metrics the process's registry: rounds, approvals and dead letters
     */
    public static WorkerRuntime start(WorkerConfig config, SessionLedger ledger, KafkaConfig kafka,
                                      MeterRegistry metrics) {
        return start(config, SourceFetchConfig.defaults(config.outputRoot().resolve(".source-cache")), ledger,
                kafka, metrics);
    }

    /**
     * @param sourceFetch how source instances that are not local files are fetched ({@code spa.worker.source.*})
     * @param ledger      the session ledger ({@code spa.sessions.*}), the database the choice ingress uses too; the
     *                    caller closes it after this runtime
     * @param metrics     the process's registry: rounds, approvals and dead letters
     */
    public static WorkerRuntime start(WorkerConfig config, SourceFetchConfig sourceFetch, SessionLedger ledger,
                                      KafkaConfig kafka, MeterRegistry metrics) {
        ServedTasks tasks = ServedTasks.load(config);
        ProfileView profiles = null;
        SourceInstances sources = SourceInstances.create(sourceFetch);
        try {
            EventCodec codec = new EventCodec();
            profiles = ProfileView.start(kafka, codec);
            if (!profiles.awaitCaughtUp(config.profileCatchUp())) {
                LOG.warn("Preference profiles not read within {}; starting anyway (sessions may start cold until"
                        + " they are)", config.profileCatchUp());
            }
            InferenceRequestHandler handler = InferenceRequestHandler.create(codec, tasks, ledger,
                    profiles, config.outputRoot(), config.imageCacheSize(), Clock.systemUTC(), sources, metrics);
            return new WorkerRuntime(tasks, profiles, InferenceWorker.start(config, kafka, handler,
                    new DeadLetterCounter(metrics)), sources);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sources.close();
            close(profiles, tasks);
            throw new IllegalStateException("interrupted while starting the inference worker", e);
        } catch (RuntimeException e) {
            sources.close();
            close(profiles, tasks);
            throw e;
        }
    }

    /** Whether the worker's consumer and threads run ({@link InferenceWorker#health()}): a liveness check. */
    public Health health() {
        return worker.health();
    }

    /** The profile view (tests wait on it to see a profile before sending a request that needs it). */
    PreferenceProfiles profiles() {
        return profiles;
    }

    private static void close(ProfileView profiles, ServedTasks tasks) {
        try {
            if (profiles != null) {
                profiles.close();
            }
        } finally {
            tasks.close();
        }
    }

    @Override
    public void close() {
        try {
            worker.close();
        } finally {
            sources.close();
            close(profiles, tasks);
        }
    }
}
