package org.spagateway.study.routing;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.spagateway.events.EventCodec;
import org.spagateway.kafka.support.CamelService;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.KafkaEndpoints;

/**
 * The study-routing service: the {@code inference-router} route, which turns each StudyReceived on
 * {@code spa.study.received} into InferenceRequested events for the SPA tasks its rules match (or a StudyNotRouted),
 * in the Kafka client identity and consumer group of {@code spa.kafka.*}.
 */
public final class StudyRouting implements CamelService {

    private final RoutingRules rules;
    private final EventCodec codec;
    private final Clock clock;

    public StudyRouting(RoutingRules rules, EventCodec codec, Clock clock) {
        this.rules = rules;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public void addRoutes(CamelContext context, KafkaConfig kafka) throws Exception {
        context.addRoutes(new InferenceRouterRoute(new StudyReceivedHandler(codec, new TaskRouter(rules), clock),
                new KafkaEndpoints(kafka)));
    }

    @Override
    public String describe() {
        return "routing rules " + rules.names();
    }
}
