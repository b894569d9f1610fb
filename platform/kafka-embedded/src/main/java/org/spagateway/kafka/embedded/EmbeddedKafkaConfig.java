package org.spagateway.kafka.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * Settings of the in-process single-node Kafka broker used by the all-in-one launcher and by integration tests.
 *
 * @param dataDir folder holding the KRaft metadata log and the topic logs; kept across restarts
 * @param port    the client (PLAINTEXT) listener port on 127.0.0.1; 0 picks a free one
 */
public record EmbeddedKafkaConfig(Path dataDir, int port) {

    public static final String DATA_DIR = "spa.kafka.embedded.data-dir";
    public static final String PORT = "spa.kafka.embedded.port";

    public static final String DEFAULT_DATA_DIR = "data/kafka";
    public static final int DEFAULT_PORT = 9092;

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(DATA_DIR, DEFAULT_DATA_DIR,
                    "Folder of the embedded Kafka broker's data (metadata and topic logs); reused on restart."),
            new ConfigOption(PORT, Integer.toString(DEFAULT_PORT),
                    "Port of the embedded Kafka broker's client listener on 127.0.0.1; 0 picks a free port."));

    public EmbeddedKafkaConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port outside [0, 65535]: " + port);
        }
    }

    public static EmbeddedKafkaConfig from(ConfigSource config) {
        return new EmbeddedKafkaConfig(config.path(DATA_DIR, DEFAULT_DATA_DIR),
                config.integer(PORT, DEFAULT_PORT, 0, 65_535));
    }
}
