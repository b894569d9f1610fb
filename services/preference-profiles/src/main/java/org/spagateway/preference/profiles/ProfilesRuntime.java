package org.spagateway.preference.profiles;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.EventCodec;
import org.spagateway.events.Topic;
import org.spagateway.health.Health;
import org.spagateway.kafka.support.DeadLetterCounter;
import org.spagateway.kafka.support.KafkaConfig;

/**
 * The preference-profiles service as one closeable: the Kafka Streams application of
 * {@link PreferenceProfilesTopology}, started and running (stores restored) when {@link #start} returns.
 */
public final class ProfilesRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProfilesRuntime.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    private static final List<Topic> TOPICS = List.of(Topic.CHOICE_APPLIED, Topic.PROFILE_UPDATED, Topic.DEAD_LETTER);

    private final KafkaStreams streams;
    private final PreferenceProfileQuery query;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProfilesRuntime(KafkaStreams streams) {
        this.streams = streams;
        this.query = new PreferenceProfileQuery(streams);
    }

    /**
     * Starts the application and waits until it runs.
     *
     * @throws IllegalStateException when a topic it reads or writes is missing (Kafka Streams needs its source topic
     *                               before start), or it does not run within the start timeout
     */
    public static ProfilesRuntime start(ProfilesConfig config, KafkaConfig kafka) {
        return start(config, kafka, new CompositeMeterRegistry());
    }

    /** {@link #start(ProfilesConfig, KafkaConfig)}, its dead letters counted in {@code metrics}. */
    public static ProfilesRuntime start(ProfilesConfig config, KafkaConfig kafka, MeterRegistry metrics) {
        requireTopics(kafka);
        KafkaStreams streams = new KafkaStreams(PreferenceProfilesTopology.build(new EventCodec(),
                new DeadLetterCounter(metrics)),
                ProfilesStreamsProperties.of(config, kafka));
        CountDownLatch settled = new CountDownLatch(1);
        AtomicReference<KafkaStreams.State> outcome = new AtomicReference<>();
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING || newState == KafkaStreams.State.PENDING_ERROR
                    || newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.PENDING_SHUTDOWN) {
                outcome.compareAndSet(null, newState);
                settled.countDown();
            }
        });
        // Bad records are dead-lettered by the processor; what still escapes is a fault of the store or the broker,
        // which replaying cannot fix: stop visibly (state ERROR) rather than loop on it.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Preference profiles stream thread failed; stopping the profiles service", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        ProfilesRuntime runtime = new ProfilesRuntime(streams);
        try {
            streams.start();
            if (!settled.await(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("preference profiles not running after " + config.startTimeout()
                        + " (state " + streams.state() + ")");
            }
            if (outcome.get() != KafkaStreams.State.RUNNING) {
                throw new IllegalStateException("preference profiles failed to start (state " + outcome.get() + ")");
            }
            LOG.info("Preference profiles running (application {}, state in {})", config.applicationId(),
                    config.stateDir());
            return runtime;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runtime.close();
            throw new IllegalStateException("interrupted while starting preference profiles", e);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** The clinician's current profile for the task (see {@link PreferenceProfileQuery#find}). */
    public Optional<PreferenceProfile> find(String clinicianId, String task) {
        return query.find(clinicianId, task);
    }

    public PreferenceProfileQuery query() {
        return query;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Alive unless the Streams client has stopped for good (ERROR, or shutting down or stopped while this runtime
     * is open: a stream thread failed and {@code SHUTDOWN_CLIENT} stopped it), so the process is restarted rather
     * than serving profiles nobody updates; RUNNING and REBALANCING are alive.
     */
    public Health health() {
        KafkaStreams.State state = streams.state();
        boolean alive = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                || state == KafkaStreams.State.CREATED || closed.get();
        return alive ? Health.up("Kafka Streams " + state) : Health.down("Kafka Streams " + state);
    }

    /**
     * Stops the stream threads (committing what they processed), leaves the consumer group at once (so a restart or a
     * {@link ProfileRebuild} need not wait out the session timeout) and waits until the threads have ended.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            CloseOptions options = CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
            if (!streams.close(options)) {
                LOG.warn("Preference profiles did not stop within {}", CLOSE_TIMEOUT);
            }
        }
    }

    private static void requireTopics(KafkaConfig kafka) {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> missing = TOPICS.stream().map(Topic::name).filter(name -> !existing.contains(name)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Kafka topics " + missing + " do not exist on "
                        + kafka.bootstrapServers() + ": create them first (TopicInitializer)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list Kafka topics on " + kafka.bootstrapServers(), e);
        }
    }
}
