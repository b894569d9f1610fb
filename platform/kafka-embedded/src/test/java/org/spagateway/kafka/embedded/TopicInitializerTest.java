package org.spagateway.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.EventType;
import org.spagateway.events.Topic;

class TopicInitializerTest {

    @Test
    void createsTopicsWithTheDescriptorsPartitionsRetentionAndCleanupPolicy() {
        NewTopic topic = TopicInitializer.newTopic(Topic.STUDY_RECEIVED, (short) 1);

        assertThat(topic.name()).isEqualTo("spa.study.received");
        assertThat(topic.numPartitions()).isEqualTo(Topic.STUDY_RECEIVED.partitions());
        assertThat(topic.replicationFactor()).isEqualTo((short) 1);
        assertThat(topic.configs())
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis()))
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("min.insync.replicas", "1");
    }

    @Test
    void compactedDescriptorsGetCompactionAndReplicatedClustersRequireTwoInSyncReplicas() {
        Topic profiles = new Topic("spa.test.compacted", "clinician id", List.<EventType>of(), 1, Duration.ofDays(1),
                true);

        NewTopic topic = TopicInitializer.newTopic(profiles, (short) 3);

        assertThat(topic.configs()).containsEntry("cleanup.policy", "compact").containsEntry("min.insync.replicas", "2");
    }

    @Test
    void readsTheReplicationFactorFromConfigurationNamingTheKeyWhenInvalid() {
        Map<String, Object> admin = Map.of("bootstrap.servers", "kafka:9092");

        assertThat(TopicInitializer.from(ConfigSource.of(Map.of()), admin).replicationFactor()).isEqualTo((short) 1);
        assertThat(TopicInitializer.from(ConfigSource.of(Map.of(TopicInitializer.REPLICATION_FACTOR, "3")), admin)
                .replicationFactor()).isEqualTo((short) 3);
        assertThatThrownBy(() -> TopicInitializer.from(
                ConfigSource.of(Map.of(TopicInitializer.REPLICATION_FACTOR, "0")), admin))
                .isInstanceOf(ConfigException.class).hasMessageContaining(TopicInitializer.REPLICATION_FACTOR);
    }

    @Test
    void requiresBootstrapServers() {
        assertThatThrownBy(() -> new TopicInitializer(Map.of(), (short) 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers");
    }
}
