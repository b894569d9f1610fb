package org.spagateway.preference.profiles;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.EventCodec;
import org.spagateway.kafka.support.KafkaConfig;

/**
 * Rebuilds every profile from the choice log, what {@code kafka-streams-application-reset} plus
 * {@link KafkaStreams#cleanUp()} do, through the Admin client: with the application stopped, wipe its local state,
 * delete its internal (changelog) topics and its consumer group's committed offsets; the next start then reads
 * {@code spa.choice.applied} from its first record. The update rule is deterministic and each clinician's choices
 * replay in their log order, so the same choices give bit-identical profiles and ProfileUpdated events with the same
 * ids (consumers deduplicate them on the id).
 */
public final class ProfileRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileRebuild.class);
    private static final long TIMEOUT_SECONDS = 60;

    private final ProfilesConfig config;
    private final KafkaConfig kafka;

    /**
     * What a wipe removed.
     *
     * @param deletedTopics   the internal topics deleted
     * @param deletedOffsets  whether the consumer group's committed offsets existed and were deleted
     */
    public record Wipe(List<String> deletedTopics, boolean deletedOffsets) {
        public Wipe {
            deletedTopics = List.copyOf(deletedTopics);
        }
    }

    public ProfileRebuild(ProfilesConfig config, KafkaConfig kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    /** Stops {@code running}, wipes, and returns the restarted application, which replays the whole choice log. */
    public static ProfilesRuntime rebuild(ProfilesRuntime running, ProfilesConfig config, KafkaConfig kafka) {
        running.close();
        new ProfileRebuild(config, kafka).wipe();
        return ProfilesRuntime.start(config, kafka);
    }

    /**
     * Wipes the application's state so that its next start rebuilds every profile. Local state is wiped on this host
     * only; another instance's stale local state is detected and discarded by Kafka Streams when it finds its
     * checkpoint beyond the re-created changelog's end.
     *
     * @throws IllegalStateException when an instance of the application is still a member of its group
     */
    public Wipe wipe() {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            requireStopped(admin);
            wipeLocalState();
            List<String> topics = internalTopics(admin);
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            boolean offsets = deleteCommittedOffsets(admin);
            LOG.info("Wiped preference profiles application {}: local state in {}, topics {}, committed offsets {}",
                    config.applicationId(), config.stateDir(), topics, offsets ? "deleted" : "none");
            return new Wipe(topics, offsets);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot wipe preference profiles application " + config.applicationId(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wiping preference profiles", e);
        }
    }

    /** {@link KafkaStreams#cleanUp()} works only on an instance that is not running: a fresh, never started one. */
    private void wipeLocalState() {
        try (KafkaStreams streams = new KafkaStreams(PreferenceProfilesTopology.build(new EventCodec()),
                ProfilesStreamsProperties.of(config, kafka))) {
            streams.cleanUp();
        }
    }

    private void requireStopped(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        ConsumerGroupDescription group;
        try {
            group = admin.describeConsumerGroups(List.of(config.applicationId())).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(config.applicationId());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return;
            }
            throw e;
        }
        if (group != null && !group.members().isEmpty()) {
            throw new IllegalStateException("preference profiles application " + config.applicationId() + " still has "
                    + group.members().size() + " running instance(s): stop every instance before a rebuild");
        }
    }

    /** The topics Kafka Streams created for the application: {@code <application.id>-...-changelog|repartition}. */
    private List<String> internalTopics(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> names = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String prefix = config.applicationId() + "-";
        return names.stream()
                .filter(name -> name.startsWith(prefix))
                .filter(name -> name.endsWith("-changelog") || name.endsWith("-repartition"))
                .sorted()
                .toList();
    }

    private boolean deleteCommittedOffsets(Admin admin) throws InterruptedException, TimeoutException {
        try {
            admin.deleteConsumerGroups(List.of(config.applicationId())).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            if (e.getCause() instanceof GroupNotEmptyException) {
                throw new IllegalStateException("an instance of " + config.applicationId()
                        + " joined during the rebuild: stop every instance and run it again", e.getCause());
            }
            throw new IllegalStateException("cannot delete the offsets of group " + config.applicationId(),
                    e.getCause());
        }
    }
}
