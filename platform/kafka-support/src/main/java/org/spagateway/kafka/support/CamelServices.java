package org.spagateway.kafka.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.health.Health;

/**
 * The one Camel context of a process: the Kafka component for the process's cluster and the routes of every
 * {@link CamelService} it runs (study routing, SEG export, the reporting-system side, the FHIR adapter, in any
 * combination). Stopping it stops every route, then closes the services in reverse order. Every dead letter its routes
 * send is counted in the process's metrics ({@link DeadLetterCounter}).
 */
public final class CamelServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CamelServices.class);
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 15;

    private final CamelContext context;
    private final List<CamelService> services;

    private CamelServices(CamelContext context, List<CamelService> services) {
        this.context = context;
        this.services = services;
    }

    /** {@link #start(String, KafkaConfig, List, MeterRegistry)} counting into a registry nobody reads. */
    public static CamelServices start(String name, KafkaConfig kafka, List<? extends CamelService> services) {
        return start(name, kafka, services, new CompositeMeterRegistry());
    }

    /**
     * Starts the context with the services' routes. On failure everything started so far is stopped and the services
     * are closed.
     *
     * @param name    the context's name, seen in logs and thread names
     * @param metrics the process's registry, where the routes' dead letters are counted
     */
    public static CamelServices start(String name, KafkaConfig kafka, List<? extends CamelService> services,
                                      MeterRegistry metrics) {
        CamelContext context = new DefaultCamelContext();
        List<CamelService> added = new ArrayList<>(services);
        try {
            context.getManagementStrategy()
                    .addEventNotifier(new DeadLetterSentNotifier(new DeadLetterCounter(metrics)));
            context.getCamelContextExtension().setName(name);
            context.getShutdownStrategy().setTimeout(SHUTDOWN_TIMEOUT_SECONDS);
            context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
            context.addComponent("kafka", new KafkaEndpoints(kafka).component());
            for (CamelService service : added) {
                service.addRoutes(context, kafka);
            }
            context.start();
            for (CamelService service : added) {
                LOG.info("{} started on Kafka {}: {}", service.getClass().getSimpleName(), kafka.bootstrapServers(),
                        service.describe());
            }
            return new CamelServices(context, added);
        } catch (Exception e) {
            new CamelServices(context, added).close();
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    public CamelContext context() {
        return context;
    }

    /**
     * The consumer groups of this context's routes and the topics each consumes, read from the routes' Kafka
     * endpoints (for the consumer lag of the process's groups).
     */
    public Map<String, Set<String>> consumerGroups() {
        Map<String, Set<String>> groups = new TreeMap<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof KafkaEndpoint kafka && kafka.getConfiguration().getGroupId() != null) {
                groups.computeIfAbsent(kafka.getConfiguration().getGroupId(), group -> new TreeSet<>())
                        .addAll(Arrays.asList(kafka.getConfiguration().getTopic().split(",")));
            }
        }
        return groups;
    }

    /** Alive while the context and every route of it are started (a liveness check: nothing restarts a route). */
    public Health health() {
        if (!context.isStarted()) {
            return Health.down("Camel context " + context.getName() + " is " + context.getStatus());
        }
        List<String> stopped = context.getRoutes().stream().map(Route::getRouteId)
                .filter(id -> !context.getRouteController().getRouteStatus(id).isStarted()).toList();
        return stopped.isEmpty() ? Health.up(context.getRoutes().size() + " routes started")
                : Health.down("routes not started: " + stopped);
    }

    @Override
    public void close() {
        context.stop();
        for (int i = services.size() - 1; i >= 0; i--) {
            CamelService service = services.get(i);
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", service.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
