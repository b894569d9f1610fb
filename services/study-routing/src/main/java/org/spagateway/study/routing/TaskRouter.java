package org.spagateway.study.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.spagateway.events.InferenceLane;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.NotRoutedReason;
import org.spagateway.events.SeriesReference;
import org.spagateway.events.StudyNotRouted;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.DeterministicIds;

/**
 * Decides which SPA task each series of a received study goes to: the first configured rule that matches the series
 * wins, and each matched series becomes one {@link InferenceRequested}. Never routes the gateway's own output (a
 * DICOM-SEG sent back by the PACS), because inferring on it would start an export loop.
 */
public final class TaskRouter {

    private final RoutingRules rules;

    public TaskRouter(RoutingRules rules) {
        this.rules = rules;
    }

    public RoutingDecision decide(StudyReceived study) {
        // Only series this version added or changed are new work. A later version lists every instance stored so
        // far; re-routing its unchanged series would repeat inference and, when the addition is our own SEG coming
        // back from PACS, write another SEG and loop.
        List<SeriesReference> changed = study.series().stream().filter(SeriesReference::changed).toList();
        List<SeriesReference> derived = changed.stream().filter(this::isDerived).toList();
        List<SeriesReference> sources = changed.stream().filter(s -> !isDerived(s)).toList();
        if (sources.isEmpty()) {
            return notRouted(study, NotRoutedReason.DERIVED_OBJECT, "version " + study.version()
                    + " added only derived objects (SOP classes " + sopClasses(derived)
                    + "); the gateway never runs inference on its own output");
        }
        List<InferenceRequested> requests = new ArrayList<>();
        for (SeriesReference series : sources) {
            firstMatch(series, study.callingAeTitle()).ifPresent(rule -> requests.add(request(study, series, rule)));
        }
        if (requests.isEmpty()) {
            String skipped = derived.isEmpty() ? "" : "; " + derived.size() + " derived series not considered";
            return notRouted(study, NotRoutedReason.NO_MATCHING_RULE, "no routing rule " + rules.names()
                    + " matched modalities " + distinct(sources, SeriesReference::modality)
                    + ", SOP classes " + sopClasses(sources)
                    + ", body parts " + distinct(sources, s -> s.bodyPartExamined() == null ? "(absent)"
                    : s.bodyPartExamined())
                    + ", calling AE " + study.callingAeTitle() + skipped);
        }
        return RoutingDecision.routed(requests);
    }

    /**
     * The same task on the same series content always gets the same id, whichever study version or redelivery
     * carried it, so the inference worker can deduplicate on it. A series that gained instances gets a new id.
     */
    static String requestId(String studyUid, String task, SeriesReference series) {
        List<Object> parts = new ArrayList<>(List.of(studyUid, task, series.seriesInstanceUid()));
        series.instances().stream().map(InstanceReference::sopInstanceUid).sorted().forEach(parts::add);
        return DeterministicIds.id("inference-request", parts.toArray());
    }

    private Optional<RoutingRule> firstMatch(SeriesReference series, String callingAeTitle) {
        return rules.rules().stream().filter(rule -> rule.matches(series, callingAeTitle)).findFirst();
    }

    private boolean isDerived(SeriesReference series) {
        return series.instances().stream().anyMatch(i -> rules.derivedSopClasses().contains(i.sopClassUid()));
    }

    private static InferenceRequested request(StudyReceived study, SeriesReference series, RoutingRule rule) {
        return new InferenceRequested(requestId(study.studyInstanceUid(), rule.task(), series),
                study.studyInstanceUid(), study.version(), rule.task(), rule.name(), InferenceLane.NEW_STUDY,
                series.seriesInstanceUid(), series.modality(), series.instances(), study.patientPseudonym());
    }

    private static RoutingDecision notRouted(StudyReceived study, NotRoutedReason reason, String explanation) {
        List<String> modalities = distinct(study.series(), SeriesReference::modality);
        return RoutingDecision.notRouted(new StudyNotRouted(study.studyInstanceUid(), study.version(), reason,
                explanation, modalities, sopClasses(study.series())));
    }

    private static List<String> sopClasses(List<SeriesReference> series) {
        Set<String> uids = new LinkedHashSet<>();
        series.forEach(s -> s.instances().forEach(i -> uids.add(i.sopClassUid())));
        return List.copyOf(uids);
    }

    private static List<String> distinct(List<SeriesReference> series,
                                         java.util.function.Function<SeriesReference, String> attribute) {
        return series.stream().map(attribute).distinct().toList();
    }
}
