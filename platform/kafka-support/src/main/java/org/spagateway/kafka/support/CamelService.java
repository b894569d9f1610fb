package org.spagateway.kafka.support;

import org.apache.camel.CamelContext;

/**
 * One service's share of its process's Camel context ({@link CamelServices}): the routes it adds and the resources
 * they use (a C-STORE client, an HTTP server), which it closes after the context has stopped.
 */
public interface CamelService extends AutoCloseable {

    /**
     * Adds this service's routes to the process's context.
     *
     * @param kafka the process's Kafka cluster settings; a service builds its own client ids and consumer groups from
     *              them ({@link KafkaConfig#withClient})
     */
    void addRoutes(CamelContext context, KafkaConfig kafka) throws Exception;

    /** One line for the start-up log, e.g. which destinations or endpoints the service uses. */
    String describe();

    /** Releases what the routes used; called once the context has stopped. */
    @Override
    default void close() throws Exception {
    }
}
