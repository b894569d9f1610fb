package org.spagateway.inference.worker.rounds;

import java.util.Optional;
import org.spagateway.events.ProfileUpdated;

/** The clinicians' preference profiles as the worker knows them: the latest version per (clinician, task). */
@FunctionalInterface
public interface PreferenceProfiles {

    /** No profiles: every session starts cold. */
    PreferenceProfiles NONE = (clinicianId, task) -> Optional.empty();

    /** The highest version seen for the clinician and task, whatever model version it is for. */
    Optional<ProfileUpdated> latest(String clinicianId, String task);
}
