package org.spagateway.study.routing;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.SeriesReference;

/**
 * One configured routing rule: which series go to which SPA task. Each attribute set that is empty matches any
 * value. Modality (0008,0060) and Body Part Examined (0018,0015) are DICOM code strings (PS3.5 VR CS: upper case),
 * so they are compared in upper case.
 *
 * @param name                name from {@code spa.routing.rules}
 * @param task                SPA task the matching series are sent to
 * @param modalities          accepted modalities
 * @param sopClassUids        accepted SOP classes (a series matches when one of its instances has one)
 * @param bodyParts           accepted body parts
 * @param matchAbsentBodyPart whether a series without Body Part Examined matches (it is Type 3, often absent)
 * @param callingAeTitles     accepted calling AE titles of the sender
 */
public record RoutingRule(String name, String task, Set<String> modalities, Set<String> sopClassUids,
                          Set<String> bodyParts, boolean matchAbsentBodyPart, Set<String> callingAeTitles) {

    public RoutingRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        modalities = Set.copyOf(modalities);
        sopClassUids = Set.copyOf(sopClassUids);
        bodyParts = Set.copyOf(bodyParts);
        callingAeTitles = Set.copyOf(callingAeTitles);
    }

    public boolean matches(SeriesReference series, String callingAeTitle) {
        return (modalities.isEmpty() || modalities.contains(upper(series.modality())))
                && (sopClassUids.isEmpty() || hasAcceptedSopClass(series.instances()))
                && bodyPartMatches(series.bodyPartExamined())
                && (callingAeTitles.isEmpty() || callingAeTitles.contains(callingAeTitle.trim()));
    }

    private boolean hasAcceptedSopClass(List<InstanceReference> instances) {
        return instances.stream().anyMatch(instance -> sopClassUids.contains(instance.sopClassUid()));
    }

    private boolean bodyPartMatches(String bodyPart) {
        if (bodyPart == null || bodyPart.isBlank()) {
            return bodyParts.isEmpty() || matchAbsentBodyPart;
        }
        return bodyParts.isEmpty() || bodyParts.contains(upper(bodyPart));
    }

    static String upper(String codeString) {
        return codeString == null ? "" : codeString.trim().toUpperCase(java.util.Locale.ROOT);
    }
}
