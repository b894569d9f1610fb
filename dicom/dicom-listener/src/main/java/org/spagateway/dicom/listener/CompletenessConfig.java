package org.spagateway.dicom.listener;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * When a study counts as complete: after a quiet period with no new instance (per calling AE if configured), or as
 * soon as an expected instance count is reached (declared by the instances, or configured per modality).
 *
 * @param quietPeriod                 default quiet period
 * @param quietPeriodByCallingAe      overrides, keyed by calling AE title
 * @param expectedCountByModality     instances per study for a modality, e.g. {@code OP -> 1}
 */
public record CompletenessConfig(Duration quietPeriod, Map<String, Duration> quietPeriodByCallingAe,
                                 Map<String, Integer> expectedCountByModality) {

    public CompletenessConfig {
        quietPeriodByCallingAe = Map.copyOf(quietPeriodByCallingAe);
        expectedCountByModality = Map.copyOf(expectedCountByModality);
    }

    public Duration quietPeriodFor(String callingAeTitle) {
        return quietPeriodByCallingAe.getOrDefault(callingAeTitle, quietPeriod);
    }

    public Optional<Integer> expectedCountFor(String modality) {
        return Optional.ofNullable(modality).map(expectedCountByModality::get);
    }
}
