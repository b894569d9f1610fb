package org.spagateway.reporting.api;

import java.time.Duration;
import java.util.List;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * The {@code spa.choices.events.*} section: the live session events of {@code GET /events} (Server-Sent Events),
 * which the candidate picker reads to show a next round without a reload.
 *
 * @param maxStreams at most this many streams are open at once on one edge (beyond: 503 with Retry-After); each
 *                   holds a connection, not a thread
 * @param heartbeat  a comment line is sent this often on every stream, so proxies and the browser see it alive and
 *                   a dead connection is found
 */
public record EventStreamConfig(int maxStreams, Duration heartbeat) {

    public static final String MAX_STREAMS = "spa.choices.events.max-streams";
    public static final String HEARTBEAT = "spa.choices.events.heartbeat";

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(MAX_STREAMS, "64",
                    "Most GET /events streams (Server-Sent Events of the candidate picker) open at once on this"
                            + " edge; another is answered 503 with Retry-After."),
            new ConfigOption(HEARTBEAT, "15s",
                    "How often every GET /events stream gets a heartbeat comment, so that idle streams stay open"
                            + " through proxies and dead ones are found; between 1s and 5m."));

    public static EventStreamConfig from(ConfigSource config) {
        Duration heartbeat = config.duration(HEARTBEAT, Duration.ofSeconds(15));
        if (heartbeat.compareTo(Duration.ofSeconds(1)) < 0 || heartbeat.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigException(HEARTBEAT, "must be between 1s and 5m");
        }
        return new EventStreamConfig(config.integer(MAX_STREAMS, 64, 1, 10_000), heartbeat);
    }
}
