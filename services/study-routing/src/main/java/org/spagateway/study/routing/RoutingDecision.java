package org.spagateway.study.routing;

import java.util.List;
import java.util.Optional;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.StudyNotRouted;

/**
 * What becomes of one received study version: inference requests (one per routed series), or the reason it was not
 * routed. Exactly one of the two is present, so every study version leaves a trace.
 */
public record RoutingDecision(List<InferenceRequested> requests, Optional<StudyNotRouted> notRouted) {

    public RoutingDecision {
        requests = List.copyOf(requests);
        if (requests.isEmpty() == notRouted.isEmpty()) {
            throw new IllegalArgumentException("either inference requests or a not-routed reason, not both");
        }
    }

    public static RoutingDecision routed(List<InferenceRequested> requests) {
        return new RoutingDecision(requests, Optional.empty());
    }

    public static RoutingDecision notRouted(StudyNotRouted notRouted) {
        return new RoutingDecision(List.of(), Optional.of(notRouted));
    }
}
