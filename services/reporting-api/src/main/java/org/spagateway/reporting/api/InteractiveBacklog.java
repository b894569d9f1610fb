package org.spagateway.reporting.api;

import java.util.OptionalLong;

/**
 * How many requests wait on {@code spa.inference.interactive} for the workers: the next rounds and new sessions the
 * choice API has asked for and no worker has finished. The API refuses more (429) while it is at
 * {@code spa.choices.max-interactive-backlog}, so the interactive lane, which the workers always serve first, stays
 * bounded and cannot starve the new-study lane.
 */
@FunctionalInterface
interface InteractiveBacklog {

    /** No measure: nothing is ever refused for the backlog. */
    InteractiveBacklog UNKNOWN = OptionalLong::empty;

    /** The requests waiting now, or empty when it cannot be told (Kafka unreachable): then nothing is refused. */
    OptionalLong waiting();
}
