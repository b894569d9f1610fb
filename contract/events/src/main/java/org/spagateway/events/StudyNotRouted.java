package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A received study version matched no routing rule. Recorded with its reason so nothing is silently dropped.
 * Key: StudyInstanceUID.
 *
 * @param studyInstanceUid (0020,000D)
 * @param studyVersion     the StudyReceived version
 * @param reasonCode       machine-readable reason, see {@link NotRoutedReason}
 * @param reason           human-readable explanation naming what was examined
 * @param modalities       the study's modalities
 * @param sopClassUids     distinct SOP classes of the study
 */
public record StudyNotRouted(
        @JsonProperty("studyInstanceUid") String studyInstanceUid,
        @JsonProperty("studyVersion") int studyVersion,
        @JsonProperty("reasonCode") NotRoutedReason reasonCode,
        @JsonProperty("reason") String reason,
        @JsonProperty("modalities") List<String> modalities,
        @JsonProperty("sopClassUids") List<String> sopClassUids) {

    public StudyNotRouted {
        modalities = List.copyOf(modalities);
        sopClassUids = List.copyOf(sopClassUids);
    }
}
