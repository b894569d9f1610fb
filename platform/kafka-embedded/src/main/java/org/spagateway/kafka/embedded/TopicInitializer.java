package org.spagateway.kafka.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the event backbone's topics explicitly from their {@link Topic} descriptors (partitions, retention,
 * cleanup policy). Existing topics are left as they are, so running it on every start is safe. Used against the
 * embedded broker and against an external cluster, where auto-creation should be off as well.
 */
public final class TopicInitializer {

    public static final String REPLICATION_FACTOR = "spa.kafka.topics.replication-factor";
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    private static final Duration LISTING_POLL = Duration.ofMillis(50);

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(REPLICATION_FACTOR, Short.toString(DEFAULT_REPLICATION_FACTOR),
                    "Replication factor of topics the gateway creates (1 for the embedded broker, 3 in production)."));

    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);

    private final Map<String, Object> adminProperties;
    private final short replicationFactor;
    private final Duration timeout;

    /**
     * @param adminProperties   Kafka admin client properties; {@code bootstrap.servers} at least
     * @param replicationFactor replication factor of created topics
     * @param timeout           how long to wait for the cluster's answers
     */
    public TopicInitializer(Map<String, Object> adminProperties, short replicationFactor, Duration timeout) {
        if (!adminProperties.containsKey(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG + " is required");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1: " + replicationFactor);
        }
        this.adminProperties = Map.copyOf(adminProperties);
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    /** Replication factor from {@value #REPLICATION_FACTOR}; {@code adminProperties} as for the constructor. */
    public static TopicInitializer from(ConfigSource config, Map<String, Object> adminProperties) {
        short replicationFactor = (short) config.integer(REPLICATION_FACTOR, DEFAULT_REPLICATION_FACTOR, 1, 32);
        return new TopicInitializer(adminProperties, replicationFactor, Duration.ofSeconds(30));
    }

    public short replicationFactor() {
        return replicationFactor;
    }

    public static TopicInitializer forBootstrapServers(String bootstrapServers) {
        return new TopicInitializer(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                DEFAULT_REPLICATION_FACTOR, Duration.ofSeconds(30));
    }

    /** Creates those of {@code topics} that do not exist yet and returns their names. */
    public List<String> createMissing(List<Topic> topics) {
        try (Admin admin = Admin.create(adminProperties)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> newTopic(topic, replicationFactor))
                    .toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                if (awaitCreation(result.getKey(), result.getValue())) {
                    created.add(result.getKey());
                }
            }
            awaitListed(admin, created);
            LOG.info("Created Kafka topics {}", created);
            return List.copyOf(created);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list Kafka topics on "
                    + adminProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG), e);
        }
    }

    /** The topic as the cluster should create it: the descriptor's partitions, retention and cleanup policy. */
    static NewTopic newTopic(Topic topic, short replicationFactor) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()));
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        // With acks=all, two in-sync replicas survive one broker loss without losing acknowledged records.
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, replicationFactor >= 3 ? "2" : "1");
        return new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(configs);
    }

    /**
     * Waits until the broker lists the topics just created: CreateTopics returns once the KRaft controller has
     * committed them, and a broker's metadata cache follows a moment later, so a component that checks for its topics
     * right after (the profiles' Streams runtime does) could otherwise be told they do not exist.
     */
    private void awaitListed(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).containsAll(names)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Kafka topics " + names + " created but not listed after " + timeout);
            }
            Thread.sleep(LISTING_POLL.toMillis());
        }
    }

    private boolean awaitCreation(String name, KafkaFuture<Void> future)
            throws InterruptedException, TimeoutException {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("cannot create Kafka topic " + name + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }
}
