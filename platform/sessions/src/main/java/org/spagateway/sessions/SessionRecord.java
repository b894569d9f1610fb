package org.spagateway.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.spagateway.events.Clinician;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.ModelReference;

/**
 * What a session is about, written once when its first round is stored: enough to build a next-round request
 * (study, series, instances, task) and to check choices (owner).
 *
 * @param sessionId              the session
 * @param requestId              the first-round request
 * @param correlationId          the correlation id of the study arrival that started it
 * @param studyInstanceUid       (0020,000D)
 * @param studyVersion           the StudyReceived version the first round ran on
 * @param task                   the SPA task
 * @param ruleName               the routing rule that started it
 * @param seriesInstanceUid      the source series
 * @param modality               its modality
 * @param instances              the request's instances (a next-round request repeats them)
 * @param source                 the instance the session segments
 * @param model                  the model that runs it (rounds must use the same version)
 * @param clinician              the clinician it was started for; null when started by routing (the first choice
 *                               then claims it)
 * @param profileVersion         the profile version round 1 started from; null when none
 * @param segmentationDirectory  where the session's SEGs and round states are stored
 * @param patientPseudonym       the pseudonym of the study's patient (StudyReceived); null when not known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionRecord(String sessionId, String requestId, String correlationId, String studyInstanceUid,
                            int studyVersion, String task, String ruleName, String seriesInstanceUid,
                            String modality, List<InstanceReference> instances, InstanceReference source,
                            ModelReference model, Clinician clinician, Integer profileVersion,
                            String segmentationDirectory, String patientPseudonym) {

    public SessionRecord {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(source, "source");
        instances = List.copyOf(instances);
    }
}
